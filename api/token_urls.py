from django.urls import path

from api.views import tokens

app_name = "api_tokens"

urlpatterns = [
    path("", tokens.token_list_view, name="list"),
    path("<int:token_id>/revoke/", tokens.token_revoke_view, name="revoke"),
]
