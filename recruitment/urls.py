from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Trial recruitment")
admin.site.site_title = _("Trial recruitment")
admin.site.index_title = _("Recruitment administration")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("trials.urls")),
]
