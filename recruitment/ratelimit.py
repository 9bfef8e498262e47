import ipaddress


def client_ip(request) -> str:
    """The client address as seen by our own reverse proxy (the last X-Forwarded-For entry),
    or the connection's address when that entry is missing or not an IP address."""
    candidate = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return request.META.get("REMOTE_ADDR", "")
