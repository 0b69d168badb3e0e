# The site's own date and number formats (settings.FORMAT_MODULE_PATH), one per language: a date
# reads one way everywhere (DATE_FORMAT is SHORT_DATE_FORMAT), a time one way (24 hours), and a
# number groups its thousands. Month names in English, so that 3 Dec never reads as 12 March.
DATE_FORMAT = "j M Y"
SHORT_DATE_FORMAT = DATE_FORMAT
DATETIME_FORMAT = "j M Y, H:i"
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j M"
FIRST_DAY_OF_WEEK = 0
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
