#!/usr/bin/env python3
"""Writes the committed part of the hostile-inputs corpus (src/test/resources/hostile/).
The Annex A workbooks and the very large 903 file are built by HostileInputsTest at run time.
Every CIN file has its own LEA and every 903 file its own year (or la= folder), so no file is
superseded by a later submission of the same (collection year, LA) and every row can be accounted for."""
import os, random, sys
root = sys.argv[1] if len(sys.argv) > 1 else "src/test/resources/hostile"

def w(rel, data):
    p = os.path.join(root, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))

def cin(lea, children, ref="2024-03-31", year="2023"):
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Message>
<Header><CollectionDetails><Collection>CIN</Collection><Year>{year}</Year><ReferenceDate>{ref}</ReferenceDate></CollectionDetails>
<Source><SourceLevel>L</SourceLevel><LEA>{lea}</LEA><SoftwareCode>x</SoftwareCode><Release>1</Release><SerialNo>1</SerialNo><DateTime>2024-05-01T10:00:00</DateTime></Source></Header>
<Children>
{children}
</Children>
</Message>
"""

def child(cid, dob="2015-03-27", sex="<GenderCurrent>1</GenderCurrent>", ref="2023-10-06", close="2024-01-10", upn="A123456789012", extra=""):
    ident = f"<LAchildID>{cid}</LAchildID>" if cid is not None else ""
    refd = f"<CINreferralDate>{ref}</CINreferralDate>" if ref is not None else ""
    closed = f"<CINclosureDate>{close}</CINclosureDate><ReasonForClosure>RC1</ReasonForClosure>" if close else ""
    return f"""<Child><ChildIdentifiers>{ident}<UPN>{upn}</UPN><PersonBirthDate>{dob}</PersonBirthDate>{sex}</ChildIdentifiers>
<ChildCharacteristics><Ethnicity>WBRI</Ethnicity><Disabilities><Disability>NONE</Disability></Disabilities></ChildCharacteristics>
<CINdetails>{refd}<ReferralSource>1A</ReferralSource><PrimaryNeedCode>N4</PrimaryNeedCode>{closed}<ReferralNFA>false</ReferralNFA>{extra}</CINdetails></Child>"""

good_cin = cin("301", child("HGOOD01") + child("HGOOD02", dob="2016-07-14"))
w("cin_census/good_cin_301.xml", good_cin)
w("cin_census/not_xml.xml", "This is a CIN census, honest.\nLAchildID,UPN\nX1,A1\n")
w("cin_census/truncated.xml", good_cin[: len(good_cin) // 2])
w("cin_census/wrong_root.xml", '<?xml version="1.0"?><Return><Header/><Children/></Return>\n')
w("cin_census/unsupported_encoding.xml",
  cin("302", child("HENC01")).replace('encoding="UTF-8"', 'encoding="X-KLINGON-9"'))
w("cin_census/utf16_declared_utf8.xml", cin("303", child("HU16A1")).encode("utf-16"))
w("cin_census/bom_303.xml", b"\xef\xbb\xbf" + cin("304", child("HBOM01")).encode())
w("cin_census/crlf_305.xml", cin("305", child("HCRLF1")).replace("\n", "\r\n"))
w("cin_census/missing_required_306.xml", cin("306", child(None) + child("HREQ02", ref=None)))
w("cin_census/sex_code_not_valid_in_2024_307.xml", cin("307", child("HCODE1", sex="<Sex>M</Sex>") + child("HCODE2", sex="<GenderCurrent>7</GenderCurrent>")))
w("cin_census/impossible_date_308.xml", cin("308", child("HDATE1", dob="2015-02-31", ref="2023-02-31")))
w("cin_census/closure_before_referral_309.xml", cin("309", child("HEBS01", ref="2023-10-06", close="2023-09-01")))
w("cin_census/future_dates_310.xml", cin("310", child("HFUT01", ref="2031-05-05", close=None)))
w("cin_census/same_child_two_dobs_311.xml", cin("311", child("HTWIN1", dob="2015-03-27") + child("HTWIN1", dob="2012-11-02", ref="2023-11-11")))
w("cin_census/empty.xml", b"")
w("cin_census/no_children_element.xml", '<?xml version="1.0"?><Message><Header><CollectionDetails><ReferenceDate>2024-03-31</ReferenceDate></CollectionDetails></Header></Message>\n')
w("cin_census/no_collection_year.xml", cin("312", child("HNOYR1")).replace("<ReferenceDate>2024-03-31</ReferenceDate>", "").replace("<Year>2023</Year>", ""))
rnd = random.Random(903)
w("cin_census/binary_garbage.xml", bytes(rnd.randrange(256) for _ in range(2048)))
w("cin_census/CIN census Barnet ñ é 2024 (final).xml", cin("313", child("HNAME1")))
w("cin_census/doctype_entity.xml", '<?xml version="1.0"?><!DOCTYPE Message [<!ENTITY x SYSTEM "file:///etc/passwd">]><Message><Header/><Children>&x;</Children></Message>\n')

EP = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN"
def ep(child, decom, dec="", rec="", place="U4", ls="C2"):
    return f"{child},{decom},S,{ls},N1,{place},PR1,{dec},{rec},,RM10 9XX,RM9 4AA,SC123456"
w("ssda903/2016/episodes.csv", b"\xef\xbb\xbf" + ("\r\n".join([EP, ep("H16A", "01/05/2015", "01/09/2015", "E11"), ep("H16B", "02/06/2015")]) + "\r\n").encode())
w("ssda903/2017/episodes.csv", "\n".join([EP, ep("H17A", "31/02/2017"), ep("H17B", "01/04/2016")]) + "\n")
w("ssda903/2018/episodes.csv", "\n".join([EP, ep("H18A", "01/10/2017", "01/08/2017", "E11"), ep("H18B", "01/04/2017")]) + "\n")
w("ssda903/2019/episodes.csv", "\n".join([EP, ep("H19A", "01/05/2018", "01/09/2018", "P1"), ep("H19A", "01/07/2018", "", "", place="U5"), ep("H19B", "01/04/2018")]) + "\n")
w("ssda903/2020/episodes.csv", "\n".join([EP, ep("H20A", "01/05/2029"), ep("H20B", "01/04/2019")]) + "\n")
w("ssda903/2025/episodes.csv", "\n".join([EP, ep("H25A", "01/05/2024", place="H5"), ep("H25B", "01/06/2024")]) + "\n")
w("ssda903/2022/episodes.csv", EP + "\n")
w("ssda903/2023/episodes.csv", "CHILD,DECOM,RNE,LS\nH23A,01/04/2022,S,C2\n")
w("ssda903/2015/episodes.csv", "URN,PL_POST,REC,DEC,CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,SOCIAL_WORKER_NOTE\n"
  "SC1,RM9 4AA,,,H15A,01/06/2014,S,C2,N1,U4,PR1,likes football\n")
w("ssda903/2014/episodes.csv", b"")
w("ssda903/2013/episodes.csv", bytes(rnd.randrange(256) for _ in range(1500)))
w("ssda903/2012/episodes.csv", ("\n".join([EP, ep("H12A", "01/05/2011")]) + "\n").encode("utf-16"))
w("ssda903/episodes.csv", "\n".join([EP, ep("HNOYEAR", "01/05/2011")]) + "\n")
w("ssda903/2021/placements_unknown_table.csv", "CHILD,FOO\nH21X,1\n")
w("ssda903/2021/episodes.csv", "\n".join([EP, ep("H21A", "01/05/2020"), '"H21B,01/06/2020,S,C2,N1,U4,PR1,,,,RM10 9XX,RM9 4AA,SC1']) + "\n")
HD = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB"
w("ssda903/2019/header.csv", "\n".join([HD, "H19A,1,14/03/2010,WBRI,A111111111111,,", "H19A,1,02/11/2008,WBRI,A111111111111,,", "H19B,2,05/05/2011,WBRI,,,"]) + "\n")
w("ssda903/2020/header.csv", "\n".join([HD, "H20A,1,31/02/2010,WBRI,,,", "H20B,2,05/05/2011,WBRI,,,"]) + "\n")
w("ssda903/2018/header.csv", "\n".join(["CHILD,SEX,DOB,ETHNIC,CHILD", "H18A,1,01/01/2010,WBRI,H18A"]) + "\n")

SD = "child_id,family_id,referral_date,strategy_date,police_attended,health_attended,education_attended,outcome,team,worker_id"
w("la=301/local/strategy_discussions.csv", "\n".join([SD,
  "HT1,F1,2023-05-01,2023-05-03,Y,Y,N,s47,East,W1",
  "HT2,F2,2023-06-10,2023-06-01,Y,N,N,s47,East,W1",
  "HT3,F3,31/02/2023,2023-03-05,Y,N,N,s47,East,W1",
  ",F4,2023-06-10,2023-06-12,Y,N,N,s47,East,W1"]) + "\n")
w("la=302/local/strategy_discussions.csv", SD + "\n")
w("la=303/local/strategy_discussions.csv", "child_id,strategy_date\nHT9,2023-01-01\n")
w("la=304/local/strategy_discussions.csv", b"")
w("la=305/local/strategy_discussions.csv", "team,outcome,strategy_date,referral_date,child_id,extra_col\nWest,s47,2023-05-03,2023-05-01,HT5,zz\n")
w("local/my_own_tracker.csv", "a,b\n1,2\n")

w("population/garbage.csv", "this,is,not\n1,2,3\n")
w("population/empty.csv", b"")
w("population/dup_col.csv", "new_la_code,la_name,year,age,age\nE09000002,B,2023,0,1\n")

w("annex_a/not_a_workbook.xlsx", "PK this is not a zip\n")
w("annex_a/empty.xlsx", b"")
