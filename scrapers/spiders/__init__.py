"""One spider per source; each derives from :class:`scrapers.spiders.base.CallSpider`."""
