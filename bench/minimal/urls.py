from django.http import HttpResponse
from django.urls import path


def fixed_page(request, size):
    """A fixed page of `size` bytes: the size of the portal page it stands beside."""
    return HttpResponse(b"x" * size, content_type="text/html; charset=utf-8")


urlpatterns = [path("page/<int:size>/", fixed_page)]
