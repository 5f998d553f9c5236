"""jingpin: score communities against the 党建精品社区 standard and report every gap."""

__version__ = "0.1.0"
