"""Serving compiled bundles: which functions are models (`kinds`), dynamic
batching (`batching`), the HTTP server's limits and middleware (`http`), the
Python-free server binary (`native`). The public entry points stay
``pycomp.client`` and ``pycomp.server``; ``pycomp.ray`` drops bundles into
Ray Data."""
