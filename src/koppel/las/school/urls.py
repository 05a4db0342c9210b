from django.urls import path

from koppel.las.school import views

app_name = "school"

urlpatterns = [
    path("leerling/", views.placeholder, name="leerlingen"),
    path("groep/", views.placeholder, name="groepen"),
    path("groep/<int:pk>/", views.placeholder, name="groep"),
    path("medewerker/", views.placeholder, name="medewerkers"),
    path("school/", views.placeholder, name="school"),
]
