from django.urls import path

from readership import views

app_name = "readership"

urlpatterns = [
    # Never a public page: each post counts (or not) one reader's read.
    path("read/<int:news_id>/", views.count_read, name="count_read"),
]
