import pytest
from django.test import RequestFactory

from recruitment.ratelimit import client_ip


@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("198.51.100.1, 203.0.113.7", "203.0.113.7"),  # the proxy appends the real client last
        ("garbage", "10.0.0.2"),  # not an address: fall back to the connection
        ("", "10.0.0.2"),
        ("2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_ip_trusts_only_the_last_forwarded_address_and_never_crashes(forwarded, expected):
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="10.0.0.2")
    assert client_ip(request) == expected
