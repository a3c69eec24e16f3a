"""Browser tests in a real headless Chromium (Debian's ``chromium`` driven by Playwright's
Python client): each role logs in and walks a case from application to issued letter; a
reviewer cannot open another reviewer's case; a forged form without its CSRF token is
refused; a tampered determination is refused at issue. Screenshots of the main pages go to
``build/screenshots/`` for people to look at.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import PASSWORD, make_app

pytestmark = pytest.mark.browser
CHROMIUM = os.environ.get("OPENIMR_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REPO = Path(__file__).resolve().parents[2]
SHOTS = REPO / "build" / "screenshots"
DEMO = REPO / "src/openimr/api/demo/cm13-0057725.yaml"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI: chromium missing at {CHROMIUM}; .ci/run must install it")
        pytest.skip(f"chromium not installed ({CHROMIUM}); .ci/run installs Debian's chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright (Python client) not installed")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Any]]:
    import uvicorn

    app = make_app(f"sqlite:///{tmp_path / 'browser.sqlite'}", tmp_path / "audit")
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", app
    srv.should_exit = True
    thread.join(10)
    app.state.services.jobs.shutdown()
    app.state.services.engine.dispose()


def _page(browser: Any, base: str, username: str) -> Any:
    ctx = browser.new_context(viewport={"width": 1280, "height": 800}, base_url=base)
    page = ctx.new_page()
    page.goto("/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.press("input[name=password]", "Enter")  # keyboard-usable
    page.wait_for_load_state()
    return page


def _shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def test_each_role_walks_a_case_to_the_issued_letter(
    browser: Any, server: tuple[str, Any]
) -> None:
    base, app = server
    cn = "CM13-0057725"

    clerk = _page(browser, base, "clerk")
    assert clerk.url.endswith("/queue")
    clerk.set_input_files("input[name=bundle]", str(DEMO))
    clerk.click("text=Open and screen")
    clerk.wait_for_url(f"**/cases/{cn}")
    assert "eligible" in clerk.inner_text("main")

    sup = _page(browser, base, "sup")
    sup.goto(f"/cases/{cn}")
    sup.click("#assign-button")
    sup.wait_for_selector("text=Conflict check")
    rid = app.state.services.cases.get(cn).reviewer_id
    assert rid and rid in sup.inner_text("aside")

    clerk.goto(f"/cases/{cn}")
    clerk.click("#records-button")
    clerk.wait_for_selector("text=records complete")
    clerk.goto("/queue")
    _shot(clerk, "queue-intake")

    doc = _page(browser, base, f"dr-{rid.lower()}")
    doc.goto(f"/cases/{cn}")
    doc.click("#draft-button")
    # progress is shown while the engine works (unless it finished before the page loaded)
    doc.wait_for_selector("#job, #sign-button")
    doc.wait_for_selector("#sign-button", timeout=180_000)
    assert doc.locator("mark[id^=ev-]").count() > 0  # evidence spans highlighted
    doc.locator("a.evlink").first.click()
    assert doc.locator("mark.hit").count() == 1  # the link shows its span
    _shot(doc, "case-reviewer")
    for select in doc.locator("select[name^=decision_]").all():
        select.select_option("upheld")
    doc.fill("#note", "fictional: decided on the fictional records")
    doc.click("#sign-button")
    doc.wait_for_selector("text=Signed determination")

    sup.goto(f"/cases/{cn}")
    sup.select_option("select[name=format]", "html")
    sup.click("#issue-button")
    sup.wait_for_selector("text=Issued letter (html)")
    _shot(sup, "case-issued")
    sup.click("text=Issued letter (html)")
    sup.wait_for_load_state()
    letter = sup.content()
    assert cn in letter and "Dr " + rid not in letter
    _shot(sup, "letter")

    aud = _page(browser, base, "aud")
    assert aud.url.endswith("/audit")
    assert "chain intact" in aud.inner_text("#verify")
    _shot(aud, "audit")
    events = app.state.services.cases.events(cn)
    assert [e.action for e in events if e.action.startswith("state.")][-1] == "state.issued"
    assert f"user:dr-{rid.lower()}" in {e.actor for e in events}

    root = _page(browser, base, "root")
    assert root.url.endswith("/users")
    _shot(root, "users")
    sup.goto("/published")
    _shot(sup, "published")


def test_security_in_the_browser(browser: Any, server: tuple[str, Any]) -> None:
    base, app = server
    svc = app.state.services
    from openimr.intake import load_bundle
    from openimr.process.signoff import SignEdits

    cn = "CM13-0057725"
    svc.cases.open_case(load_bundle(DEMO), "user:clerk")
    rid = svc.cases.assign(cn, "user:sup").reviewer.id
    svc.cases.records_complete(cn, "user:clerk")
    det = svc.cases.draft(cn, "user:test")
    edits = {it.id: {"decision": "upheld", "rationale": "Fictional rationale."} for it in det.items}
    svc.cases.sign(cn, rid, SignEdits.model_validate({"items": edits, "note": "fictional"}))

    # another reviewer: 403 page, and the attempt is in the audit log
    other = "dr-r01" if rid != "R01" else "dr-r02"
    intruder = _page(browser, base, other)
    resp = intruder.goto(f"/cases/{cn}")
    assert resp.status == 403 and "not assigned to this reviewer" in intruder.inner_text("main")
    assert any(e.action == "access.refused" for e in svc.cases.events(cn))

    # a forged form (no CSRF token) posted from the page is refused
    sup = _page(browser, base, "sup")
    sup.goto(f"/cases/{cn}")
    with sup.expect_navigation():
        sup.evaluate(
            """cn => { const f = document.createElement('form'); f.method = 'post';
            f.action = '/cases/' + cn + '/issue'; document.body.appendChild(f); f.submit(); }""",
            cn,
        )
    assert "missing or wrong CSRF token" in sup.inner_text("main")
    assert svc.cases.get(cn).state == "determined"

    # a determination changed in the database after signing is refused at issue
    from sqlalchemy import text

    with svc.sessions() as s, s.begin():
        row = s.execute(
            text("SELECT determination_json FROM cases WHERE case_number = :cn"), {"cn": cn}
        ).scalar_one()
        changed = json.loads(row)
        changed["items"][0]["decision"] = "overturned"
        s.execute(
            text("UPDATE cases SET determination_json = :j WHERE case_number = :cn"),
            {"j": json.dumps(changed), "cn": cn},
        )
    sup.goto(f"/cases/{cn}")
    sup.click("#issue-button")
    sup.wait_for_load_state()
    assert "changed after it was signed" in sup.inner_text("main")
    _shot(sup, "tampered-refused")
    assert svc.cases.get(cn).state == "determined"
