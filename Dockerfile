# Production image of the API. Neo4j and Meilisearch run as their official images
# (see docker-compose.yml); this image holds only the stateless API.
FROM python:3.11-slim AS base
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
COPY requirements.lock ./
RUN pip install --no-cache-dir --require-hashes -r requirements.lock
COPY pyproject.toml README.md ./
COPY graph_api ./graph_api
COPY seed ./seed
COPY schema ./schema
RUN pip install --no-cache-dir --no-deps . && useradd --system --uid 10001 api
USER api
ENV GRAPH_API_MODE=production GRAPH_API_HOST=0.0.0.0 GRAPH_API_PORT=8000 GRAPH_API_WORKERS=2 \
    GRAPH_API_SEED_DIR=/app/seed
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --retries=5 \
  CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz').status != 200)"
CMD ["sh", "-c", "graph-api migrate && exec graph-api serve"]
