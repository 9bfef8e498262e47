"""The public catalog's pages, under each language's prefix (config/urls.py)."""

from django.urls import path

from trials import views

app_name = "trials"

urlpatterns = [
    path("", views.trial_list, name="list"),
    path("trials/<slug:slug>/", views.trial_detail, name="detail"),
]
