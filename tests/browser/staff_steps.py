"""What a member of staff does in the browser."""


def log_in_to_admin(page, live_server, username, password="pw-for-tests-1"):
    page.goto(live_server.url + "/admin/login/")  # leads to the portal's one log-in page
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")
    page.wait_for_load_state()


def open_application(page, live_server, reference):
    """From the list, searched by reference, to the application's page."""
    page.goto(f"{live_server.url}/admin/recruitment/application/?q={reference}")
    page.click(f"text={reference}")
    page.wait_for_load_state()
