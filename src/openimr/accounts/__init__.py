"""Accounts of the workbench: users with roles, Argon2 password hashes, server-side login
sessions with CSRF tokens, login throttling and revocable API tokens. No web stack here:
the service and the ``openimr users`` command both call :class:`Accounts`."""

from openimr.accounts.service import (
    ROLES,
    AccountError,
    Accounts,
    LoginThrottled,
    Principal,
)

__all__ = ["ROLES", "Accounts", "AccountError", "LoginThrottled", "Principal"]
