"""The addresses printed on paper and shown as images, the same in every language: a campaign's
short link (its QR code's target) and the QR images. The short link sends the reader on to the
sign-up in the campaign's language, or in their own."""

from django.urls import path

from trials import views

app_name = "codes"

urlpatterns = [
    path("trials/<slug:slug>/qr.<str:fmt>", views.trial_qr, name="qr"),
    path("c/<slug:code>", views.campaign_link, name="campaign_link"),
    path("c/<slug:code>/qr.<str:fmt>", views.campaign_qr, name="campaign_qr"),
    path("c/<slug:code>/poster/", views.campaign_poster, name="campaign_poster"),
]
