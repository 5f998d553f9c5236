"""Saves a workbook with a password to open, through LibreOffice itself (its UNO bridge).

    /usr/bin/python3 save_with_password.py SOURCE TARGET PASSWORD FILTER

FILTER is LibreOffice's export filter: "Calc MS Excel 2007 XML" writes an encrypted .xlsx (an OLE
file holding EncryptionInfo and EncryptedPackage), "MS Excel 97" an .xls whose Workbook stream
starts with a FILEPASS record (RC4). `soffice --convert-to` cannot do this: LibreOffice 7.4 ignores a
password given in its filter options, so the document is loaded and stored with a "Password"
property. Run with the system Python that has LibreOffice's bridge (apt-get install python3-uno);
make_office_files.py calls it."""

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import uno
from com.sun.star.beans import NamedValue, PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def named(name, value):
    p = NamedValue()
    p.Name, p.Value = name, value
    return p


def main(source: str, target: str, password: str, filter_name: str) -> None:
    with tempfile.TemporaryDirectory() as profile:
        pipe = f"jingpin{int(time.time() * 1000)}"
        office = subprocess.Popen(["soffice", "--headless", "--norestore", "--nologo",
                                   f"-env:UserInstallation=file://{profile}",
                                   f"--accept=pipe,name={pipe};urp;"])
        try:
            resolver = uno.getComponentContext().ServiceManager.createInstanceWithContext(
                "com.sun.star.bridge.UnoUrlResolver", uno.getComponentContext())
            for _ in range(120):
                try:
                    context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                    break
                except Exception:  # noqa: BLE001 — LibreOffice is still starting
                    time.sleep(0.5)
            else:
                raise SystemExit("LibreOffice did not start")
            desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
            doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(str(Path(source).resolve())), "_blank", 0,
                                               (prop("Hidden", True),))
            # the binary filters take "Password"; the OOXML one reads "OOXPassword" from EncryptionData
            encryption = uno.Any("[]com.sun.star.beans.NamedValue", (named("OOXPassword", password),))
            doc.storeToURL(uno.systemPathToFileUrl(str(Path(target).resolve())),
                           (prop("FilterName", filter_name), prop("Password", password),
                            prop("EncryptionData", encryption)))
            doc.close(True)
            try:
                desktop.terminate()
            except Exception:  # noqa: BLE001 — the bridge closes as LibreOffice quits
                pass
        finally:
            try:
                office.wait(timeout=30)
            except subprocess.TimeoutExpired:
                office.kill()


if __name__ == "__main__":
    main(*sys.argv[1:5])
