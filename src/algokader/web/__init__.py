"""The web application of ``algokader serve``: the questionnaire, result and explanation pages, and a JSON API.

Needs the ``web`` extra (``pip install 'algokader[web]'``)::

    from algokader.web import create_app
    app = create_app()                     # an ASGI application over the bundled requirements

The pages store nothing about a user (the answers travel in the URL), load nothing from other
sites and work without JavaScript. The API answers with exactly the JSON of the command line.
"""

from .app import create_app

__all__ = ["create_app"]
