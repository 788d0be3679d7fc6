from django.contrib import admin

from common.models import CalendarDay


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ("day", "kind", "name")
    list_filter = ("kind",)
    search_fields = ("name",)
    date_hierarchy = "day"
