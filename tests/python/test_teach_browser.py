"""The teaching page in a real browser (headless Chromium driven by Selenium).

Moves sliders, presses Run and checks that more IFN-γ with TNF-α turns the dial toward
MSC2 (same seed), that the numbers on the page are the run file's, and that the three
teaching scenarios run side by side. Saves a screenshot and prints where.
"""

import importlib.util
import json
import shutil
import time
import urllib.request

import h5py
import pytest

from test_teach_api import needs_binary, running_app

SCREENSHOT_COPY = "/tmp/mscsim-teach-screenshot.png"
MISSING = [name for name, ok in (("chromium", shutil.which("chromium")),
                                 ("chromedriver", shutil.which("chromedriver")),
                                 ("python3-selenium", importlib.util.find_spec("selenium")))
           if not ok]
pytestmark = [needs_binary, pytest.mark.skipif(
    bool(MISSING), reason=f"{', '.join(MISSING)} not installed (scripts/setup installs them)")]


@pytest.fixture
def browser(tmp_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1500,1200", f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def wait_for(predicate, timeout_s, what):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout_s} s waiting for {what}")


def set_slider(driver, control_id, key_presses):
    slider = driver.find_element("id", f"ctl-{control_id}")
    slider.send_keys(*key_presses)
    return slider.get_attribute("value")


def run_main_and_read(driver, base, live_shot=None):
    """Press Run, follow the page until the run is done, and read the dial. Returns the
    page's numbers, the run file's, and whether a live (running) view was seen."""
    panel = driver.find_element("id", "panel-main")
    old = panel.get_attribute("data-run-id")
    driver.find_element("id", "run-button").click()
    seen_live = False

    def finished():
        nonlocal seen_live
        state = panel.get_attribute("data-state")
        if state == "running" and "running:" in panel.find_element("css selector", ".progress-text").text:
            if not seen_live and live_shot is not None:
                driver.save_screenshot(str(live_shot))
            seen_live = True
        return panel.get_attribute("data-run-id") not in ("", old) and state == "done"

    wait_for(finished, 60, "the run to finish")
    dial = panel.find_element("css selector", ".dial-value")
    run = json.load(urllib.request.urlopen(f"{base}api/runs/{panel.get_attribute('data-run-id')}", timeout=30))
    with h5py.File(run["file"], "r") as f:
        in_file = float(f["timeseries/balance/msc_balance"][-1])
        disease = float(f["timeseries/tissue/disease_activity"][-1])
    return {"value": float(dial.get_attribute("data-value")), "text": dial.text, "file_value": in_file,
            "disease": disease, "caption": panel.find_element("css selector", ".caption").text,
            "command": run["command"], "seen_live": seen_live}


def test_more_ifng_with_tnfa_turns_the_dial_toward_msc2(browser, tmp_path):
    from selenium.webdriver.common.keys import Keys

    with running_app() as (base, _proc):
        browser.get(base)
        wait_for(lambda: browser.find_elements("id", "ctl-ifng_level"), 20, "the controls")
        tip = browser.find_element("id", "ctl-ifng_level").find_element("xpath", "..").get_attribute("title")
        assert "cd4_t.ifng_secretion_th1_ng_per_ml_per_h" in tip

        assert set_slider(browser, "duration_h", [Keys.HOME, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT]) == "36"
        assert set_slider(browser, "ifng_level", [Keys.HOME]) == "0"
        assert set_slider(browser, "tnfa_level", [Keys.HOME, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT]) == "0.2"
        low = run_main_and_read(browser, base)
        assert set_slider(browser, "ifng_level", [Keys.END]) == "3"
        assert set_slider(browser, "tnfa_level", [Keys.END]) == "3"
        high = run_main_and_read(browser, base, live_shot=tmp_path / "teach-running.png")
        print(f"\ndial: low IFN-γ/TNF-α {low['value']:+.3f}, high {high['value']:+.3f}")

        for reading in (low, high):
            assert "run.seed" not in reading["command"]          # both keep the scenario's seed
            assert reading["value"] == reading["file_value"]     # the dial shows the file's number
            shown = reading["text"].replace("−", "-")
            # Shown to 2 decimals: off by at most half a unit in the last place (plus float error,
            # e.g. -0.295 shown as -0.29).
            assert float(shown) == pytest.approx(reading["file_value"], abs=0.005 + 1e-9)
            assert f"balance {shown}" in reading["caption"].replace("−", "-")
            assert f"to {reading['disease']:.0f} (of 100)" in reading["caption"]
        assert high["value"] > low["value"] + 0.2
        assert low["seen_live"] and high["seen_live"], "no progress was shown while the run went"
        assert "cd4_t.ifng_secretion_th1_ng_per_ml_per_h=90.0" in high["command"]

        # The three teaching scenarios, side by side, all at once.
        browser.find_element("id", "run-all-presets").click()
        columns = [browser.find_element("id", f"preset-{n}")
                   for n in ("msc1_dominated", "balanced", "msc2_dominated")]
        wait_for(lambda: all(c.get_attribute("data-state") == "done" for c in columns), 90,
                 "the three teaching scenarios")
        dials = [float(c.find_element("css selector", ".dial-value").get_attribute("data-value")) for c in columns]
        print(f"teaching scenarios' dials: {dials}")
        assert dials[0] < -0.33 and dials[2] > 0.33 and dials[0] < dials[1] < dials[2]
        assert "took" in browser.find_element("id", "footer-timing").text

        height = browser.execute_script("return document.documentElement.scrollHeight")
        browser.set_window_size(1500, min(int(height) + 40, 6000))
        browser.execute_script("window.scrollTo(0, 0)")
        shot = tmp_path / "teach.png"
        browser.save_screenshot(str(shot))
        shutil.copyfile(shot, SCREENSHOT_COPY)
        print(f"screenshot: {shot} (copied to {SCREENSHOT_COPY}); during a run: {tmp_path / 'teach-running.png'}")
