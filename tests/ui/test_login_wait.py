"""The login dialog after repeated wrong passwords: the wait (app.auth.log_in) told as a catalogue message that
counts down, 登录 off until it is over."""
from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from ui.dialogs.login import LoginDialog


def test_the_wait_counts_down_and_the_button_comes_back(qtbot, company_db, shot) -> None:  # noqa: ANN001
    dialog = LoginDialog(company_db, "测试贸易有限公司")
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.login.setText("boss")
    for n in range(4):  # free, free, then 1 s, then 2 s
        dialog.password.setText("wrong-one")
        qtbot.waitUntil(lambda: ok.isEnabled() and dialog.buttons.isEnabled(), timeout=10000)
        dialog.try_login()
        qtbot.waitUntil(lambda: "不正确" in dialog.message.text(), timeout=10000)
        if n < 2:
            assert dialog.message.text() == "登录名或密码不正确" and ok.isEnabled()
    assert dialog.message.text() == "登录名或密码不正确，请 2 秒后再试" and not ok.isEnabled()
    shot(dialog, "login_wait")
    dialog.try_login()  # Enter during the wait: nothing is tried
    qtbot.waitUntil(lambda: dialog.message.text() == "登录名或密码不正确，请 1 秒后再试", timeout=3000)
    qtbot.waitUntil(ok.isEnabled, timeout=3000)
    assert dialog.message.text() == "登录名或密码不正确"
    dialog.password.setText("secret-1")
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        dialog.try_login()
    assert dialog.actor.login == "boss"
