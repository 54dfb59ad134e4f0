"""The Scrapy project of the harvest: spiders per source, pipelines that normalise,
validate and store, a health check per run, and local copies of the sites for tests."""
