"""`allocator serve`: the decision service over HTTP and the duty-desk page.

- service: the rule set in force (reloaded whole, or not at all), the decision log written many
  records at a time, the users of bearer tokens, the language asked for;
- metrics: the Prometheus metrics (one process, or several workers sharing a directory);
- app: the ASGI application (FastAPI on Starlette): the routes, the bounds on every request, the
  OpenAPI document generated from allocator.load.api;
- page: the duty-desk page at `/`, self-contained;
- run: uvicorn with one worker in this process, or several forked workers sharing one socket.
"""
