from django.contrib import admin

from common.models import CalendarDay


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ("day", "kind", "name", "county")
    list_filter = ("kind", "county")
    search_fields = ("name",)
    date_hierarchy = "day"
