"""Who acts in a CLI command: once the database has accounts, the CLI acts as a named local
user (``--actor NAME``, else ``$OPENIMR_USER``, else the login name) who must be an active
account with a role that may take the step; the audit actor is then ``user:NAME``. A database
with no account yet (a single-user installation, or before the first ``openimr users add``)
keeps the free-text actor."""

from __future__ import annotations

import getpass
import os
from typing import TYPE_CHECKING

from openimr.process.lifecycle import CaseForbidden

if TYPE_CHECKING:
    from openimr.accounts import Principal
    from openimr.process.cases import CaseService


def acting_user(svc: CaseService, actor: str | None) -> Principal | None:
    from openimr.accounts import Accounts

    accounts = Accounts(svc.engine)
    if accounts.count() == 0:
        return None
    name = actor or os.environ.get("OPENIMR_USER") or getpass.getuser()
    return accounts.get(name)  # refuses an unknown or deactivated user


def actor_for(
    svc: CaseService,
    actor: str | None,
    step: str,
    roles: tuple[str, ...],
    case_number: str | None = None,
) -> str:
    """The audit actor for ``step``; refuses (and audits) a user whose role may not take it,
    or a reviewer on a case not assigned to them."""
    from openimr.commands._process_common import actor_name

    user = acting_user(svc, actor)
    if user is None:
        return actor_name(actor)
    why = None
    if user.role not in roles:
        why = f"role {user.role!r} may not {step}"
    elif user.role == "reviewer" and case_number is not None:
        row = svc.get(case_number)
        if row.reviewer_id != user.reviewer_id:
            why = "the case is not assigned to this reviewer"
    if why:
        svc.refused(case_number, user.actor, step, why)
        raise CaseForbidden(f"{user.username}: {why}")
    return user.actor
