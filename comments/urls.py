from django.urls import path

from comments.views import PostCommentView

app_name = "comments"

urlpatterns = [
    path("news/<int:news_id>/comment/", PostCommentView.as_view(), name="post"),
]
