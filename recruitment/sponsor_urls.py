from django.urls import path

from recruitment import sponsors

app_name = "sponsor"

urlpatterns = [
    path("", sponsors.home, name="home"),
    path("trials/<slug:slug>/eligible.csv", sponsors.eligible_csv, name="eligible_csv"),
]
