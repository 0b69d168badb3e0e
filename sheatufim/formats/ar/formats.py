# See sheatufim/formats/en/formats.py. Django's own "ar" formats have no date-time format (times
# read month first, from the English default) and write 1.234,5: in Israel Arabic is written with
# the Western separators that the number inputs, exports and imports use, and dates day first.
DATE_FORMAT = "d/m/Y"
SHORT_DATE_FORMAT = DATE_FORMAT
DATETIME_FORMAT = "d/m/Y H:i"
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
FIRST_DAY_OF_WEEK = 0
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
