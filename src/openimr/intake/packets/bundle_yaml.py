"""Write bundle data as readable YAML: long texts as literal blocks, dates as YAML dates."""

from __future__ import annotations

from typing import Any

import yaml


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: object) -> bool:  # no &id001 anchors in a bundle
        return True


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        # A literal block cannot hold trailing spaces on a line or tabs: tidy them first.
        value = "\n".join(line.rstrip().replace("\t", "    ") for line in value.split("\n"))
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _str)


def dump_bundle(data: dict[str, Any]) -> str:
    """The bundle as YAML, fields in the contract's order."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
