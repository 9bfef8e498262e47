from django.urls import path

from trials import views

app_name = "trials"

urlpatterns = [
    path("", views.trial_list, name="list"),
    path("trials/<slug:slug>/", views.trial_detail, name="detail"),
    path("trials/<slug:slug>/qr.<str:fmt>", views.trial_qr, name="qr"),
    path("c/<slug:code>", views.campaign_link, name="campaign_link"),
    path("c/<slug:code>/qr.<str:fmt>", views.campaign_qr, name="campaign_qr"),
    path("c/<slug:code>/poster/", views.campaign_poster, name="campaign_poster"),
]
