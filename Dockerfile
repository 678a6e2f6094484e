# algokader serve: the questionnaire and the JSON API with the bundled requirements.
#   docker build -t algokader .
#   docker run --rm -p 8000:8000 algokader
# Behind a proxy under a path: docker run ... algokader --root-path /algokader (see docs/web.rst).
FROM python:3.11-slim

RUN useradd --create-home --uid 10001 algokader
WORKDIR /app
COPY pyproject.toml README.md ./
COPY src ./src
COPY grammar ./grammar
COPY requirements ./requirements
RUN pip install --no-cache-dir '.[web]' && rm -rf /app/src /app/grammar /app/requirements

USER algokader
EXPOSE 8000
# uvicorn trusts X-Forwarded-For/-Proto only from these addresses; set it to your proxy's.
ENV FORWARDED_ALLOW_IPS=127.0.0.1
HEALTHCHECK CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/api/requirements')"
ENTRYPOINT ["algokader", "serve", "--host", "0.0.0.0", "--port", "8000"]
