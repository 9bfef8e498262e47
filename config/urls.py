from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.http import Http404
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from recruitment import accounts, language, my_application, sponsors, views
from recruitment.admin.preferences import preferences

admin.site.site_header = _("Trial recruitment")
admin.site.site_title = _("Trial recruitment")
admin.site.index_title = _("Recruitment administration")
# The applications list is wide; the page needs the room more than a second menu.
admin.site.enable_nav_sidebar = False

patient_urls = (
    [
        path("trials/<slug:slug>/apply/", views.apply, name="apply"),
        path("trials/<slug:slug>/apply/done/", views.apply_done, name="apply_done"),
        path("trials/<slug:slug>/apply/done/remind/", views.remind_me, name="remind_me"),
        path("r/<str:token>/", views.reminder_link, name="reminder_link"),
        path("my/", my_application.start, name="my_start"),
        path("my/code/", my_application.code, name="my_code"),
        path("my/application/", my_application.home, name="my_home"),
        path("my/application/contact/", my_application.correct_contact, name="my_contact"),
        path("my/application/contact/confirm/", my_application.confirm_address, name="my_contact_confirm"),
        path("my/application/consent/", my_application.withdraw_consent, name="my_consent"),
        path("my/application/consent/give/", my_application.give_consent, name="my_consent_give"),
        path("my/application/withdraw/", my_application.withdraw, name="my_withdraw"),
        path("my/application/erase/", my_application.erase, name="my_erase"),
        path("my/erased/", my_application.erased, name="my_erased"),
        path("finish/", my_application.finish, name="finish"),
        path("finished/", my_application.finished, name="finished"),
        path("privacy/", my_application.privacy, name="privacy"),
    ],
    "recruitment",
)

lazy_static = lazy(static, str)

handler500 = "config.database_unavailable.server_error_view"


def still_takes_posts(view):
    """A form opened before addresses had a language (or a tab restored since) posts to its old
    address: the answers are taken there (a redirect would drop them). Anything else at it goes
    on to the address with the reader's language (LocaleMiddleware redirects what is not found)."""

    def posted(request, *args, **kwargs):
        if request.method != "POST":
            raise Http404
        return view(request, *args, **kwargs)

    return posted


old_form_addresses = [
    path("trials/<slug:slug>/apply/", still_takes_posts(views.apply)),
    path("trials/<slug:slug>/apply/done/remind/", still_takes_posts(views.remind_me)),
    path("my/", still_takes_posts(my_application.start)),
    path("my/code/", still_takes_posts(my_application.code)),
    path("my/application/contact/", still_takes_posts(my_application.correct_contact)),
    path("my/application/contact/confirm/", still_takes_posts(my_application.confirm_address)),
    path("my/application/consent/", still_takes_posts(my_application.withdraw_consent)),
    path("my/application/withdraw/", still_takes_posts(my_application.withdraw)),
    path("my/application/erase/", still_takes_posts(my_application.erase)),
    path("finish/", still_takes_posts(my_application.finish)),
]

urlpatterns = [
    # Browsers ask for /favicon.ico whatever the page says; the file has a cache-busting name.
    path("favicon.ico", RedirectView.as_view(url=lazy_static("favicon.ico"))),
    path("admin/preferences/", preferences, name="staff_preferences"),
    # One log-in page for everyone, with the second factor and the lock-out: admin's own goes there.
    path("admin/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("language/<str:code>/", language.switch, name="switch_language"),
    path("accounts/login/", accounts.LoginView.as_view(), name="login"),
    path("accounts/two-factor/", accounts.two_factor, name="two_factor"),
    path("accounts/enrol/<str:token>/", accounts.enrol, name="enrol"),
    path("accounts/password_change/", accounts.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password_change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("accounts/password_reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path("accounts/password_reset/done/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "accounts/reset/<uidb64>/<token>/", accounts.PasswordResetConfirmView.as_view(), name="password_reset_confirm"
    ),
    path("accounts/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/welcome/", sponsors.after_login, name="after_login"),
    path("sponsor/", include("recruitment.sponsor_urls")),
    path("", include("trials.code_urls")),
    *old_form_addresses,
]
# What patients read, in the language its address names (/zh-hans/..., /en/...): a page is the
# same for every reader of its address, so whole pages can be cached, and the language switcher
# is a link. An address without the prefix (an old link, a printed trial code) redirects to the
# reader's language (LocaleMiddleware: the cookie, else the browser's languages).
urlpatterns += i18n_patterns(
    path("", include(patient_urls)),
    path("", include("trials.urls")),
)
