"""One sub-package per result kind — audit, screen, survey, diff, check — each computing its result
from the layers below and owning its canonical record, which every format of that kind renders
(formats/<kind>/). results/audit/ is the base the others build on. May import everything below
formats/; never formats or commands."""
