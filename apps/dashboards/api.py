from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.accounts.models import User


class ProfileStepSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    done = serializers.BooleanField()
    skipped = serializers.BooleanField()


class MeSerializer(serializers.ModelSerializer):
    role = serializers.CharField()
    profile_percent = serializers.IntegerField()
    profile_complete = serializers.BooleanField()
    profile_steps = ProfileStepSerializer(many=True)

    class Meta:
        model = User
        fields = ["id", "email", "full_name", "phone", "role", "profile_percent", "profile_complete", "profile_steps"]


class MeAPI(APIView):
    """The signed-in account, its role and (for job seekers) profile completeness."""

    @extend_schema(responses=MeSerializer)
    def get(self, request):
        from apps.profiles.selectors import profile_progress

        user = request.user
        progress = profile_progress(user)
        user.profile_percent = progress.percent
        user.profile_complete = progress.is_complete
        user.profile_steps = progress.steps
        return Response(MeSerializer(user).data)
