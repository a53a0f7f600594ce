"""The bare view every page of the benchmark is compared with (only routed when BENCH_HELLO)."""

from django.http import HttpResponse


def hello(request):
    return HttpResponse("hello", content_type="text/plain")
