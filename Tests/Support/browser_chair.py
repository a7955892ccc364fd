#!/usr/bin/python3
"""Drive headless Chromium (chromedriver + Selenium) through the chairs' web as a chair would.

Usage: browser_chair.py BASE_URL OUTBOX_DIR ADDRESS OWN_GROUP OTHER_GROUP SCREENSHOT_DIR [FLOW_GROUP]
With FLOW_GROUP (a group of ADDRESS with a Jan and an Apr window, a past January meeting and no April date), also
confirms April, edits its agenda, calls it off after seeing the notice, uploads January's minutes and marks them ready.
Prints one JSON object: what each step saw. The Swift test decides what passes.
Waits are bounded (20 s); chromedriver listens on a port the OS assigns, on 127.0.0.1 only.
"""
import glob
import json
import os
import re
import sys
import tempfile
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

base, outbox, address, own, other, shots = sys.argv[1:7]
result = {}


def sign_in_link(count_before):
    deadline = time.time() + 20
    while time.time() < deadline:
        mails = sorted(glob.glob(os.path.join(outbox, "*convenor-sign-in.*.eml")))
        if len(mails) > count_before:
            text = open(mails[-1], encoding="utf-8").read()
            found = re.search(r"http://[^\s]+/signin/[A-Za-z0-9_-]{43}", text)
            return found.group(0) if found else None
        time.sleep(0.1)
    return None


options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1280,1000"):
    options.add_argument(argument)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
driver.set_page_load_timeout(20)
# Elements are waited for (at most 10 s), so a page still loading after a click is not a failure.
driver.implicitly_wait(10)


def submit_and_wait(selector):
    """Clicks a submit button and waits until the browser has left the page."""
    old = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.CSS_SELECTOR, selector).click()
    WebDriverWait(driver, 20).until(lambda d: old.id != d.find_element(By.TAG_NAME, "html").id)


try:
    driver.get(base + "/")
    result["directory_title"] = driver.title
    result["directory_groups"] = [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".card h2")]
    driver.save_screenshot(os.path.join(shots, "issue-19-directory.png"))

    before = len(glob.glob(os.path.join(outbox, "*convenor-sign-in.*.eml")))
    driver.get(base + "/signin")
    field = driver.find_element(By.ID, "email")
    # The label is tied to the field (accessibility): clicking it focuses the input.
    result["label_for_email"] = driver.find_element(By.CSS_SELECTOR, "label[for=email]").text
    field.send_keys(address)
    submit_and_wait("main form button[type=submit]")
    result["after_request"] = driver.find_element(By.TAG_NAME, "h1").text
    link = sign_in_link(before)
    result["link_found"] = link is not None
    driver.get(link)
    submit_and_wait("main form button[type=submit]")
    result["after_sign_in_path"] = driver.current_url[len(base):]
    old = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.CSS_SELECTOR, 'a[href="/chair/%s"]' % own).click()
    WebDriverWait(driver, 20).until(lambda d: old.id != d.find_element(By.TAG_NAME, "html").id)
    result["chair_page_heading"] = driver.find_element(By.TAG_NAME, "h1").text
    result["chair_page_sections"] = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "main h2")]
    driver.set_window_size(412, 1600)
    driver.save_screenshot(os.path.join(shots, "issue-19-chair-page.png"))
    driver.set_window_size(1280, 1000)

    driver.get(base + "/chair/" + other)
    result["other_group_heading"] = driver.find_element(By.TAG_NAME, "h1").text

    # The link was used: opening it again and pressing the button is refused.
    driver.get(link)
    submit_and_wait("main form button[type=submit]")
    result["replayed_link_heading"] = driver.find_element(By.TAG_NAME, "h1").text
    if len(sys.argv) > 7:
        flow = sys.argv[7]
        # The link was used up above: sign in again.
        before = len(glob.glob(os.path.join(outbox, "*convenor-sign-in.*.eml")))
        driver.get(base + "/signin")
        driver.find_element(By.ID, "email").send_keys(address)
        submit_and_wait("main form button[type=submit]")
        driver.get(sign_in_link(before))
        submit_and_wait("main form button[type=submit]")

        driver.get(base + "/chair/%s/confirm/2027-04" % flow)
        driver.find_element(By.CSS_SELECTOR, 'input[name=candidate][value="2027-04-14 14:00"]').click()
        driver.find_element(By.ID, "agenda").send_keys("Welcome")
        submit_and_wait("button[value=save]")
        result["after_confirm_path"] = driver.current_url[len(base):]

        driver.get(base + "/chair/%s/meeting/2027-04" % flow)
        agenda = driver.find_element(By.ID, "agenda")
        agenda.clear()
        agenda.send_keys("Welcome\nBudget <b>2027</b>")
        submit_and_wait("button[value=agenda]")
        result["agenda_after_save"] = driver.find_element(By.ID, "agenda").get_attribute("value")
        driver.find_element(By.ID, "cancel-reason").send_keys("Both chairs are ill")
        submit_and_wait("button[value=preview-cancel]")
        result["cancel_notice"] = driver.find_element(By.CSS_SELECTOR, "#cancel-notice + pre").text
        driver.save_screenshot(os.path.join(shots, "issue-19-meeting-page.png"))
        submit_and_wait("button[value=cancel]")
        result["meeting_state"] = driver.find_element(By.ID, "state").text

        minutes = os.path.join(tempfile.mkdtemp(), "January minutes.md")
        with open(minutes, "w", encoding="utf-8") as handle:
            handle.write("# Minutes\n\nPresent: Ann, Bob.\n\n- Agreed the catalogue audit.\n")
        driver.get(base + "/chair/%s/minutes/2027-01" % flow)
        driver.find_element(By.ID, "file").send_keys(minutes)
        submit_and_wait("button[value=draft]")
        result["minutes_after_upload"] = driver.find_element(By.ID, "state").text
        submit_and_wait("button[value=ready]")
        result["minutes_after_ready"] = driver.find_element(By.ID, "state").text

        # The group's own wording of the minutes mail: a misspelt tag is refused next to its line, then the fixed
        # wording is checked and previewed, and saved (the daemon's minutes mail must then carry it).
        head = '---\nsubject: "Minutes: {{group.name}}"\n---\n{{% CONTENT_TYPE: TEXT}}\nDear all, our own minutes words.\n\n'
        driver.get(base + "/chair/%s/wording/minutes" % flow)
        wording = driver.find_element(By.ID, "text")
        wording.clear()
        wording.send_keys(head + "{{minute}}\n")
        submit_and_wait("button[value=preview]")
        result["wording_problems"] = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "#problems + ul li")]
        wording = driver.find_element(By.ID, "text")
        wording.clear()
        wording.send_keys(head + "{{minutes}}\n")
        submit_and_wait("button[value=preview]")
        result["wording_preview"] = driver.find_element(By.CSS_SELECTOR, "#preview + pre").text
        driver.save_screenshot(os.path.join(shots, "issue-19-wording-page.png"))
        submit_and_wait("button[value=save]")
        result["wording_notice"] = driver.find_element(By.ID, "notice").text

        # The live preview: typing alone (no button, no page load) shows the checks, then the new preview.
        page = driver.find_element(By.TAG_NAME, "html")
        wording = driver.find_element(By.ID, "text")
        wording.send_keys("{{minute}}")
        live = WebDriverWait(driver, 20).until(
            lambda d: [e.text for e in d.find_elements(By.CSS_SELECTOR, "#live #problems + ul li")] or None)
        result["live_problems"] = live
        wording.clear()
        wording.send_keys(head + "{{minutes}}\nLive words.\n")
        WebDriverWait(driver, 20).until(
            lambda d: any("Live words." in e.text for e in d.find_elements(By.CSS_SELECTOR, "#live #preview + pre")))
        result["live_preview"] = driver.find_element(By.CSS_SELECTOR, "#live #preview + pre").text
        result["live_problems_after_fix"] = len(driver.find_elements(By.CSS_SELECTOR, "#live #problems"))
        result["live_status"] = driver.find_element(By.ID, "live-status").text
        result["live_same_page"] = page.id == driver.find_element(By.TAG_NAME, "html").id
        result["live_text_kept"] = driver.find_element(By.ID, "text").get_attribute("value").endswith("Live words.\n")

        driver.get(base + "/chair/%s/meeting/2027-04" % other)
        result["other_meeting_heading"] = driver.find_element(By.TAG_NAME, "h1").text
        driver.get(base + "/chair/%s/minutes/2027-01" % other)
        result["other_minutes_heading"] = driver.find_element(By.TAG_NAME, "h1").text

    # Keyboard: the first Tab reaches the skip link.
    driver.get(base + "/")
    webdriver.ActionChains(driver).send_keys("\ue004").perform()
    result["first_tab_focus"] = driver.switch_to.active_element.text
finally:
    driver.quit()
print(json.dumps(result))
