from django.urls import path

from comments.views import PostCommentView, ReplyView, ReportCommentView, UnsubscribeView

app_name = "comments"

urlpatterns = [
    path("comments/post/<int:news_id>/", PostCommentView.as_view(), name="post"),
    path("comments/reply/<int:comment_id>/", ReplyView.as_view(), name="reply"),
    path("comments/report/<int:comment_id>/", ReportCommentView.as_view(), name="report"),
    path("comments/unsubscribe/<str:token>/", UnsubscribeView.as_view(), name="unsubscribe"),
]
