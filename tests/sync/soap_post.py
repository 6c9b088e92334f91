#!/usr/bin/env python3
"""POSTs a SOAP request file to the test server, as another client would, to show what the server refuses.

Usage: soap_post.py URL CA_FILE REQUEST_FILE SOAPACTION
  SOAPACTION "-" sends no SOAPAction header at all.
Prints one line: the HTTP status and, for a SOAP fault, its faultcode and faultstring ("500 soapenv:Client.X: text");
for another answer, the local name of the first element in the Body ("200 leerlinggegevens_antwoord").
"""
import ssl
import sys
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET

SOAP = "{http://schemas.xmlsoap.org/soap/envelope/}"


def describe(status, body):
    try:
        first = next(iter(ET.fromstring(body).find(SOAP + "Body")))
    except (ET.ParseError, TypeError, StopIteration):
        return f"{status} (geen SOAP-antwoord)"
    if first.tag == SOAP + "Fault":
        return f"{status} {first.findtext('faultcode')}: {first.findtext('faultstring')}"
    return f"{status} {first.tag.split('}')[-1]}"


def main():
    url, ca, path, action = sys.argv[1:5]
    with open(path, "rb") as f:
        data = f.read()
    headers = {"Content-Type": "text/xml; charset=utf-8"}
    if action != "-":
        headers["SOAPAction"] = action
    req = urllib.request.Request(url, data=data, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(req, context=ssl.create_default_context(cafile=ca), timeout=10) as r:
            print(describe(r.status, r.read()))
    except urllib.error.HTTPError as e:
        print(describe(e.code, e.read()))


main()
