from django.urls import path

from comments.views import PostCommentView

app_name = "comments"

urlpatterns = [
    path("comments/post/<int:news_id>/", PostCommentView.as_view(), name="post"),
]
