"""HTTP: the JSON API for OA systems (api.py), the body clerk's pages (body.py) and the office's
pages (office.py). Views parse and answer; checker/desk/services.py does the work."""
