"""Intake: read and validate a case bundle, resolve record files into text."""

from openimr.intake.loader import load_bundle, parse_bundle
from openimr.intake.records import read_record_file

__all__ = ["load_bundle", "parse_bundle", "read_record_file"]
