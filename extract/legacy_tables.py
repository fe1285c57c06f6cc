"""Legacy Vietnamese 8-bit encodings, as data.

TCVN3 (TCVN 5712:1993 "ABC", fonts .VnTime / .VnArial): text written in those
fonts and stored as Latin-1 / cp1252 reads as "Céng hoµ x· héi chñ nghÜa".
Generated once from glibc iconv's TCVN5712-1 table (bytes 0xA1-0xFF, combining
marks left out); each pair is (the Latin-1 character seen, the Vietnamese letter).
"""

TCVN3_SEEN = '¡¢£¤¥¦§¨©ª«¬\xad®¯µ¶·¸¹º»¼½¾¿ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿ'
TCVN3_MEANT = 'ĂÂÊÔƠƯĐăâêôơưđẰàảãáạẲằẳẵắẴẮẦẨẪẤỀặầẩẫấậèỂẻẽéẹềểễếệìỉỄẾỒĩíịòỔỏõóọồổỗốộờởỡớợùỖủũúụừửữứựỳỷỹýỵỐ'
