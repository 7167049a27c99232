"""Who may change what: with login configured, only the editors listed in `[auth] editors` may load files, remove
loads, change settings and pin reviews; everyone else who logs in views and shares links, and is told so. Without
login nothing changes."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from appdriver import assert_no_exception, goto
from lib.ui.session import is_editor

AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32, "client_id": "id",
        "client_secret": "secret", "server_metadata_url": "https://accounts.example.com/.well-known/openid-configuration"}
# what an editor sees on each page, that a viewer must not
CHANGES = {"upload": "Load files", "data_health": "Remove this file's data", "settings": "Save settings",
           "review": "Pin this review", "explorer": "Save"}


@pytest.mark.parametrize("email,editors,expected", [
    ("ops@shop.com", ["ops@shop.com"], True),            # exact address
    ("Ops@Shop.COM ", [" OPS@shop.com"], True),           # case and spaces don't matter
    ("anna@shop.com", ["ops@shop.com"], False),          # another address of the domain
    ("anna@shop.com", ["@shop.com"], True),              # a domain: every address of it
    ("anna@SHOP.com", ["@Shop.com"], True),
    ("anna@eu.shop.com", ["@shop.com"], False),          # not its subdomains
    ("anna@notshop.com", ["@shop.com"], False),          # nor a domain that merely ends the same
    ("shop.com@evil.com", ["@shop.com"], False),
    ("anna@shop.com", [], False),                        # no list: nobody
    ("anna@shop.com", None, False),
    (None, ["@shop.com"], False),                        # no address: no editor
    ("", [""], False),
    ("ops", ["ops"], False),                             # not an address
])
def test_the_editors_rule(email, editors, expected):
    assert is_editor(email, editors) is expected


def _app(auth: dict | None, user: dict | None) -> AppTest:
    at = AppTest.from_file("../../app.py", default_timeout=120)
    if auth is not None:
        at.secrets["auth"] = auth
    if user is not None:
        at.user = user
    return at.run()


def _buttons(at: AppTest) -> set[str]:
    return {b.label for b in at.button}


def _view_only(at: AppTest) -> list[str]:
    return [i.value for i in at.info if str(i.value).startswith("View only: ask an editor")]


@pytest.mark.parametrize("auth,user", [
    (None, None),                                                                           # no login: one person
    ({**AUTH, "editors": ["ops@shop.com", "@partner.com"]}, {"is_logged_in": True, "email": "ops@shop.com"}),
    ({**AUTH, "editors": ["ops@shop.com", "@partner.com"]}, {"is_logged_in": True, "email": "Kim@Partner.com"}),
    ({**AUTH, "editors": "@partner.com"}, {"is_logged_in": True, "email": "kim@partner.com"}),  # one entry, no list
], ids=["no-login", "editor-by-address", "editor-by-domain", "editors-as-one-string"])
def test_an_editor_sees_every_change(app_ws, auth, user):
    at = _app(auth, user)
    for page, label in CHANGES.items():
        goto(at, page)
        assert_no_exception(at)  # (the review shows its alerts in error boxes)
        assert label in _buttons(at), (page, _buttons(at))
        assert not _view_only(at), page
    goto(at, "upload")
    assert at.get("file_uploader")


@pytest.mark.parametrize("editors", [["ops@shop.com", "@partner.com"], []], ids=["not-listed", "no-list"])
def test_a_viewer_is_told_and_gets_no_buttons_that_would_change_anything(app_ws, editors):
    at = _app({**AUTH, "editors": editors}, {"is_logged_in": True, "email": "anna@shop.com"})
    for page, label in CHANGES.items():
        goto(at, page)
        assert_no_exception(at)  # (the review shows its alerts in error boxes)
        assert label not in _buttons(at), page
        assert len(_view_only(at)) == 1, (page, [i.value for i in at.info])
    goto(at, "upload")
    assert not at.get("file_uploader") and "Load files" not in _buttons(at)
    goto(at, "settings")  # the settings are shown, not editable
    assert at.get("arrow_data_frame") or at.get("data_editor") or at.dataframe
    assert all(s.disabled for s in at.selectbox if s.key and s.key.startswith("settings_"))
    goto(at, "data_health")
    assert not [c for c in at.checkbox if c.label.startswith("Yes, remove")]


def test_an_editor_pins_a_review(app_ws):
    from lib.metrics.review import load_pin
    at = _app({**AUTH, "editors": ["@shop.com"]}, {"is_logged_in": True, "email": "ops@shop.com"})
    goto(at, "review")
    next(b for b in at.button if b.label == "Pin this review").click().run()
    assert_no_exception(at)  # (the review shows its alerts in error boxes)
    message = next(s.value for s in at.success if "Pinned. Share this link" in s.value)
    assert load_pin(app_ws, message.rsplit("pin=", 1)[1]) is not None
