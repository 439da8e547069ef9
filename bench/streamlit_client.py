"""One student's browser tab at the Streamlit protocol level: a websocket session, no browser.

It speaks what the Streamlit 1.67 frontend speaks to the server: the same HTTP handshake and cookies before the
`_stcore/stream` websocket, `rerun_script` messages carrying every widget value the tab holds and the changed
widget's fragment, runs bounded by `new_session` and `script_finished`, and the `auto_rerun` timers of
`st.fragment(run_every=...)`.
"""

from __future__ import annotations

import asyncio
import contextlib
import http.cookiejar
import json
import time
import urllib.request
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.NumberInput_pb2 import NumberInput
from streamlit.proto.Slider_pb2 import Slider
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake

ELEMENT_ID_PREFIX = "$$ID"
XSRF_COOKIE = "_streamlit_xsrf"
# What the frontend sends when it has no XSRF cookie (an empty subprotocol entry is invalid).
PLACEHOLDER_TOKEN = "PLACEHOLDER_AUTH_TOKEN"
CONNECT_TIMEOUT_SECONDS = 30.0
TRIGGER_KINDS = frozenset({"button", "download_button"})
TEXT_KINDS = frozenset({"text_input", "text_area", "color_picker"})
OPTION_KINDS = frozenset({"radio", "selectbox"})
# Run ends the frontend treats as "the app is done"; FINISHED_EARLY_FOR_RERUN means another run follows.
FINISHED_OK = frozenset({ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY})


class HandshakeError(Exception):
    """The page, the health check or the websocket upgrade failed: the student never got a session."""


def user_key(element_id: str) -> str | None:
    """The `key=` a widget was given: Streamlit ids look like `$$ID-<hash>-<key>` (`-None` without one)."""
    if not element_id.startswith(ELEMENT_ID_PREFIX):
        return None
    key = element_id.split("-", maxsplit=2)[-1]
    return None if key == "None" else key


def _optional(proto: Any, name: str) -> Any:
    """A field's value, or None when an optional field is unset."""
    try:
        if not proto.HasField(name):
            return None
    except ValueError:  # a plain scalar or repeated field: always present
        pass
    return getattr(proto, name)


def _current(proto: Any) -> Any:
    """The value the frontend shows: the server-set `value` when `set_value`, else the `default`."""
    return _optional(proto, "value" if getattr(proto, "set_value", False) else "default")


def _options_at(options: Any, indexes: Any) -> list[str]:
    # Slider protos carry a select_slider's default indexes as doubles.
    return [options[int(index)] for index in indexes if 0 <= index < len(options)]


def initial_state(kind: str, proto: Any) -> WidgetState | None:
    """The value a freshly drawn widget reports to the frontend's WidgetStateManager, or None.

    Only widgets the lessons use are modelled; others (uploads, data editors, charts with selections)
    keep whatever value the server already holds, which is what it falls back to for a missing state.
    """
    state = WidgetState(id=proto.id)
    if kind in TEXT_KINDS or kind == "checkbox" or kind == "number_input":
        value = _current(proto)
        if value is None:
            return None
        return _with_value(state, kind, proto, value)
    if kind == "slider":
        if proto.type == Slider.SELECT_SLIDER:
            chosen = list(proto.raw_value) if proto.set_value else _options_at(proto.options, proto.default)
            state.string_array_value.data[:] = chosen
        else:
            state.double_array_value.data[:] = list(proto.value if proto.set_value else proto.default)
        return state
    if kind in OPTION_KINDS:
        return _initial_option_state(state, proto)
    if kind == "multiselect":
        chosen = list(proto.raw_values) if proto.set_value else _options_at(proto.options, proto.default)
        state.string_array_value.data[:] = chosen
        return state
    return None


def _initial_option_state(state: WidgetState, proto: Any) -> WidgetState | None:
    """radio / selectbox: 1.67 sends the formatted option string, not an index."""
    if proto.set_value:
        chosen = _optional(proto, "raw_value")
    else:
        index = _optional(proto, "default")
        chosen = proto.options[index] if index is not None and index < len(proto.options) else None
    if chosen is None:
        return None
    state.string_value = chosen
    return state


def _with_value(state: WidgetState, kind: str, proto: Any, value: Any) -> WidgetState:
    """Put a new value in the field the frontend uses for this widget kind."""
    if kind in TEXT_KINDS:
        state.string_value = str(value)
    elif kind == "checkbox":
        state.bool_value = bool(value)
    elif kind == "number_input":
        if proto.data_type == NumberInput.INT:
            state.int_value = int(value)
        else:
            state.double_value = float(value)
    else:
        raise ValueError(f"no plain value for a {kind} widget")
    return state


@dataclass
class Widget:
    """A widget the server drew, as the frontend knows it."""

    id: str
    kind: str
    fragment_id: str
    proto: Any
    script_hash: str

    @property
    def key(self) -> str | None:
        return user_key(self.id)

    def option(self, choice: str | int) -> str:
        """The option string a radio/selectbox sends for an index or an option string."""
        options = list(self.proto.options)
        if isinstance(choice, int):
            return options[choice]
        if choice not in options:
            raise ValueError(f"{choice!r} is not one of {options}")
        return choice


def changed_state(widget: Widget, value: Any, held: WidgetState | None) -> WidgetState:
    """The WidgetState the frontend sends when the student sets `widget` to `value`."""
    state = WidgetState(id=widget.id)
    kind = widget.kind
    if kind in TEXT_KINDS or kind in ("checkbox", "number_input"):
        return _with_value(state, kind, widget.proto, value)
    if kind == "slider":
        values = list(value) if isinstance(value, list | tuple) else [value]
        if widget.proto.type == Slider.SELECT_SLIDER:
            state.string_array_value.data[:] = [str(item) for item in values]
        else:
            state.double_array_value.data[:] = [float(item) for item in values]
        return state
    if kind in OPTION_KINDS:
        state.string_value = widget.option(value)
        return state
    if kind == "multiselect":
        state.string_array_value.data[:] = [widget.option(item) for item in value]
        return state
    if kind == "bidi_component":
        # A components v2 `setStateValue(name, value)` merges into the JSON of the whole state.
        merged = json.loads(held.json_value) if held is not None and held.json_value else {}
        state.json_value = json.dumps({**merged, **value})
        return state
    raise ValueError(f"setting a {kind} widget is not supported")


@dataclass
class RunResult:
    """One run a student asked for, seen from their tab."""

    action: str
    fragment_id: str
    status: str  # "ok", "error" (compile error / app failure), "timeout" or "closed"
    latency_s: float | None
    exceptions: int = 0
    error_alerts: int = 0
    page_not_found: bool = False

    @property
    def ok(self) -> bool:
        return self.status == "ok"


@dataclass
class _PendingRun:
    """The run a request is waiting for; `run_id` is learnt from the new_session that starts it."""

    action: str
    fragment_id: str
    started: float
    future: asyncio.Future
    run_id: str | None = None
    any_run: bool = False
    exceptions: int = 0
    error_alerts: int = 0
    page_not_found: bool = False
    finished_at: float | None = None

    def accepts(self, fragment_ids: list[str]) -> bool:
        """Whether a starting run is the one asked for: a full run, or one that reruns our fragment."""
        if self.any_run:
            return True
        return self.fragment_id in fragment_ids if self.fragment_id else not fragment_ids


def _context_info(url: str) -> dict[str, Any]:
    """What the Korean classroom browser reports with every rerun."""
    return {"timezone": "Asia/Seoul", "timezone_offset": -540, "locale": "ko-KR", "url": url,
            "is_embedded": False, "color_scheme": "light"}


def _http_opener(jar: http.cookiejar.CookieJar) -> urllib.request.OpenerDirector:
    # No proxy: the classroom server is on the LAN, like the websocket below.
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), urllib.request.ProxyHandler({}))


class StreamlitSession:
    """One simulated student: connect, open a page, change widgets, measure each run."""

    def __init__(self, base_url: str, *, timeout: float = 60.0, name: str = "") -> None:
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.timeout = timeout
        self.name = name
        self.session_id = ""
        self.page_hashes: dict[str, str] = {}
        self.page_script_hash = ""
        self.main_script_hash = ""
        self.exceptions_seen = 0
        self.error_alerts_seen = 0
        self.page_not_found = 0
        self.auto_runs_finished = 0
        self.reader_error: BaseException | None = None
        self.close_reason = ""
        self.url_path = ""
        # What the address bar holds after "?", sent with every rerun (e.g. a joined class: "class=…&me=…").
        self.query_string = ""
        self._jar = http.cookiejar.CookieJar()
        self._ws: ClientConnection | None = None
        self._reader: asyncio.Task | None = None
        self._widgets: dict[str, Widget] = {}
        self._ids_by_key: dict[str, str] = {}
        self._states: dict[str, WidgetState] = {}
        self._seen_this_run: set[str] = set()
        self._full_run_id = ""
        self._run_fragments: list[str] = []
        self._auto_reruns: dict[str, tuple[float, asyncio.Task]] = {}
        self._pending: _PendingRun | None = None
        self._page_url = self.base_url
        # Texts a bench waits to see on screen (e.g. the teacher's new step), with when they arrived.
        self._watches: list[tuple[str, asyncio.Future]] = []

    # -- connecting -------------------------------------------------------------------------------

    async def connect(self, url_path: str = "") -> None:
        """Load the page over HTTP as a browser does, then open the websocket; raises HandshakeError."""
        self.url_path = url_path
        self._page_url = urljoin(self.base_url, url_path)
        try:
            await asyncio.to_thread(self._http_preflight)
            self._ws = await connect(
                self._stream_url(), subprotocols=["streamlit", self._xsrf_token()],
                additional_headers=self._cookie_headers(), origin=self._origin(), max_size=None,
                open_timeout=CONNECT_TIMEOUT_SECONDS, proxy=None,
                # Browsers never ping; a client ping unanswered while the server's event loop is busy
                # (e.g. importing TensorFlow) would close the session after 20 s.
                ping_interval=None,
            )
        except (OSError, InvalidHandshake, TimeoutError, ValueError) as error:
            raise HandshakeError(f"{type(error).__name__}: {error}") from error
        self._reader = asyncio.create_task(self._read_forever(), name=f"read-{self.name}")

    def _http_preflight(self) -> None:
        opener = _http_opener(self._jar)
        for url in (self._page_url, self.base_url + "_stcore/health", self.base_url + "_stcore/host-config"):
            with opener.open(url, timeout=CONNECT_TIMEOUT_SECONDS) as response:
                response.read()

    def _stream_url(self) -> str:
        parts = urlsplit(self.base_url)
        scheme = "wss" if parts.scheme == "https" else "ws"
        return f"{scheme}://{parts.netloc}{parts.path}_stcore/stream"

    def _origin(self) -> str:
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}"

    def _xsrf_token(self) -> str:
        # The frontend reads this cookie in JavaScript and hands it over as the second subprotocol.
        return next((cookie.value for cookie in self._jar if cookie.name == XSRF_COOKIE and cookie.value),
                    PLACEHOLDER_TOKEN)

    def _cookie_headers(self) -> dict[str, str]:
        request = urllib.request.Request(self.base_url + "_stcore/stream")
        self._jar.add_cookie_header(request)
        cookie = request.get_header("Cookie")
        return {"Cookie": cookie} if cookie else {}

    async def open(self, url_path: str = "") -> RunResult:
        """Connect and run the page at `url_path` ("" is the home page); latency counts from connecting.

        Like a browser opening `/<url_path>` directly, the first rerun names the page by `page_name`
        (the server does not know this tab's page hashes yet); later reruns send the page hash.
        """
        started = time.monotonic()
        await self.connect(url_path)
        return await self._request("open", "", started=started, page_name=url_path)

    async def close(self) -> None:
        """Close the tab: stop its timers and the websocket."""
        for _, task in self._auto_reruns.values():
            task.cancel()
        self._auto_reruns.clear()
        if self._ws is not None:
            with contextlib.suppress(ConnectionClosed, OSError, TimeoutError):
                await asyncio.wait_for(self._ws.close(), timeout=5)
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError, ConnectionClosed):
                await self._reader

    # -- what the page shows ----------------------------------------------------------------------

    def widget(self, key: str) -> Widget:
        """The widget drawn with `key=key` in the latest run that drew it."""
        if key not in self._ids_by_key:
            raise KeyError(f"no widget with key {key!r}; known keys: {sorted(self._ids_by_key)}")
        return self._widgets[self._ids_by_key[key]]

    def widget_keys(self) -> list[str]:
        """The `key=` of every widget drawn so far."""
        return sorted(self._ids_by_key)

    @property
    def auto_rerun_active(self) -> bool:
        """Whether a `st.fragment(run_every=...)` timer is running in this tab (e.g. a training monitor)."""
        return bool(self._auto_reruns)

    def held_value(self, key: str) -> WidgetState | None:
        """The state this tab would send for a widget."""
        return self._states.get(self.widget(key).id)

    # -- acting -----------------------------------------------------------------------------------

    async def set_value(self, key: str, value: Any, action: str = "") -> RunResult:
        """Change a widget as the student would; the run is a fragment run inside a fragment."""
        widget = self.widget(key)
        self._states[widget.id] = changed_state(widget, value, self._states.get(widget.id))
        return await self._request(action or f"set {key}", widget.fragment_id)

    async def click(self, key: str, action: str = "") -> RunResult:
        """Click a button: a trigger value sent once with all the other states, then forgotten."""
        widget = self.widget(key)
        if widget.kind not in TRIGGER_KINDS:
            raise ValueError(f"{key!r} is a {widget.kind}, not a button")
        trigger = WidgetState(id=widget.id, trigger_value=True)
        return await self._request(action or f"click {key}", widget.fragment_id, extra=[trigger])

    async def switch_page(self, url_path: str) -> RunResult:
        """Click a page in the navigation: the page hash, and only the entry script's widget states."""
        if url_path not in self.page_hashes:
            raise KeyError(f"unknown page {url_path!r}; pages: {sorted(self.page_hashes)}")
        self._page_url = urljoin(self.base_url, url_path)
        shared = [state for widget_id, state in self._states.items()
                  if self._widgets[widget_id].script_hash in ("", self.main_script_hash)]
        return await self._request(f"page {url_path}", "", page_hash=self.page_hashes[url_path], states=shared)

    async def _request(
        self, action: str, fragment_id: str, *, started: float | None = None, page_name: str = "",
        page_hash: str | None = None, extra: list[WidgetState] | None = None,
        states: list[WidgetState] | None = None,
    ) -> RunResult:
        if self._pending is not None:
            raise RuntimeError("a student does one thing at a time")
        pending = _PendingRun(action, fragment_id, started or time.monotonic(),
                              asyncio.get_running_loop().create_future())
        self._pending = pending
        try:
            chosen = list(self._states.values()) if states is None else states
            await self._send_rerun(fragment_id, page_name=page_name, page_hash=page_hash,
                                   states=chosen + (extra or []))
            status = await asyncio.wait_for(asyncio.shield(pending.future), self.timeout)
        except TimeoutError:
            status = "timeout"
        except ConnectionClosed:
            status = "closed"
        finally:
            self._pending = None
        latency = pending.finished_at - pending.started if status == "ok" and pending.finished_at else None
        return RunResult(action, fragment_id, status, latency, pending.exceptions, pending.error_alerts,
                         pending.page_not_found)

    async def _send_rerun(
        self, fragment_id: str, *, page_name: str = "", page_hash: str | None = None,
        states: list[WidgetState] | None = None, is_auto_rerun: bool = False,
    ) -> None:
        if self._ws is None:
            raise ConnectionClosed(None, None)
        message = BackMsg()
        rerun = message.rerun_script
        rerun.query_string = self.query_string
        rerun.page_script_hash = self.page_script_hash if page_hash is None else page_hash
        rerun.page_name = page_name if not rerun.page_script_hash else ""
        rerun.fragment_id = fragment_id
        rerun.is_auto_rerun = is_auto_rerun
        rerun.widget_states.widgets.extend(states if states is not None else self._states.values())
        for name, value in _context_info(self._page_url).items():
            setattr(rerun.context_info, name, value)
        await self._ws.send(message.SerializeToString())

    # -- reading the ForwardMsg stream ------------------------------------------------------------

    async def _read_forever(self) -> None:
        try:
            async for frame in self._ws:
                message = ForwardMsg()
                message.ParseFromString(frame)
                self._handle(message)
        except ConnectionClosed as closed:
            self.close_reason = f"{closed.rcvd.code if closed.rcvd else 'no close frame'}"
        except Exception as error:  # a bug here must not look like a slow server: keep it for the report
            self.reader_error = error
        finally:
            self._ws = None
            if self._pending is not None and not self._pending.future.done():
                self._pending.future.set_result("closed")

    def _handle(self, message: ForwardMsg) -> None:
        kind = message.WhichOneof("type")
        handler = {
            "new_session": self._on_new_session, "delta": self._on_delta,
            "script_finished": self._on_script_finished, "navigation": self._on_navigation,
            "page_not_found": self._on_page_not_found, "auto_rerun": self._on_auto_rerun,
            "stop_auto_rerun": self._on_stop_auto_rerun,
        }.get(kind)
        if handler is not None:
            handler(message)

    def _on_new_session(self, message: ForwardMsg) -> None:
        session = message.new_session
        if session.HasField("initialize"):
            self.session_id = session.initialize.session_id
        self.main_script_hash = session.main_script_hash
        self.page_script_hash = session.page_script_hash
        run = message.metadata.run
        self._run_fragments = list(run.fragment_ids)
        if not self._run_fragments:
            # A full run: the frontend drops its auto-rerun timers; the run re-registers the live ones.
            self._cancel_auto_reruns(list(self._auto_reruns))
            self._seen_this_run = set()
            self._full_run_id = run.script_run_id
        pending = self._pending
        if pending is not None and pending.run_id is None and pending.accepts(self._run_fragments):
            pending.run_id = run.script_run_id
            pending.any_run = False

    def _on_delta(self, message: ForwardMsg) -> None:
        delta = message.delta
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        kind = element.WhichOneof("type")
        if self._watches:
            self._check_watches(element, kind)
        if kind == "exception":
            self.exceptions_seen += 1
            self._count_in_pending("exceptions")
        elif kind == "alert" and element.alert.format == Alert.ERROR:
            self.error_alerts_seen += 1
            self._count_in_pending("error_alerts")
        proto = getattr(element, kind, None)
        element_id = getattr(proto, "id", "") if proto is not None and "id" in proto.DESCRIPTOR.fields_by_name else ""
        if element_id.startswith(ELEMENT_ID_PREFIX):
            self._remember_widget(Widget(element_id, kind, delta.fragment_id, proto,
                                         message.metadata.active_script_hash))

    def watch_text(self, text: str) -> asyncio.Future:
        """A future that resolves to the monotonic time at which an element showing `text` reaches this tab."""
        future = asyncio.get_running_loop().create_future()
        self._watches.append((text, future))
        return future

    def _check_watches(self, element: Any, kind: str) -> None:
        proto = getattr(element, kind, None)
        shown = " ".join(str(getattr(proto, name, "")) for name in ("body", "label")) if proto is not None else ""
        arrived = time.monotonic()
        for text, future in list(self._watches):
            if text in shown and not future.done():
                future.set_result(arrived)
        self._watches = [(text, future) for text, future in self._watches if not future.done()]

    def _count_in_pending(self, counter: str) -> None:
        pending = self._pending
        if pending is not None and pending.run_id is not None:
            setattr(pending, counter, getattr(pending, counter) + 1)

    def _remember_widget(self, widget: Widget) -> None:
        self._widgets[widget.id] = widget
        self._seen_this_run.add(widget.id)
        if widget.key is not None:
            self._ids_by_key[widget.key] = widget.id
        state = initial_state(widget.kind, widget.proto)
        # The frontend keeps what the student set unless the server overrides it (`set_value`).
        if state is not None and (widget.id not in self._states or getattr(widget.proto, "set_value", False)):
            self._states[widget.id] = state

    def _on_script_finished(self, message: ForwardMsg) -> None:
        status = message.script_finished
        run_id = message.metadata.run.script_run_id
        if status == ForwardMsg.FINISHED_SUCCESSFULLY and run_id == self._full_run_id:
            # After a complete full run the frontend forgets widgets that were not drawn again.
            self._states = {wid: state for wid, state in self._states.items() if wid in self._seen_this_run}
        pending = self._pending
        if pending is None or pending.future.done() or pending.run_id is None or run_id not in ("", pending.run_id):
            self.auto_runs_finished += status in FINISHED_OK
            return
        if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            # st.rerun() or a newer request replaced the run: the student waits for the one that follows.
            pending.run_id, pending.any_run = None, True
            return
        pending.finished_at = time.monotonic()
        pending.future.set_result("ok" if status in FINISHED_OK else "error")

    def _on_navigation(self, message: ForwardMsg) -> None:
        # st.navigation's page list: the url paths ("" is the default page) and their script hashes.
        # The page st.navigation resolved is the one the frontend reruns from now on.
        self.page_script_hash = message.navigation.page_script_hash
        for page in message.navigation.app_pages:
            self.page_hashes[page.url_pathname] = page.page_script_hash
            if page.is_default:
                self.page_hashes[""] = page.page_script_hash

    def _on_page_not_found(self, message: ForwardMsg) -> None:
        self.page_not_found += 1
        if self._pending is not None:
            self._pending.page_not_found = True

    def _on_auto_rerun(self, message: ForwardMsg) -> None:
        fragment_id, interval = message.auto_rerun.fragment_id, message.auto_rerun.interval
        known = self._auto_reruns.get(fragment_id)
        if known is not None and known[0] == interval:
            return  # the frontend keeps a running timer with the same interval
        self._cancel_auto_reruns([fragment_id])
        task = asyncio.create_task(self._auto_rerun(fragment_id, interval), name=f"auto-{self.name}")
        self._auto_reruns[fragment_id] = (interval, task)

    def _on_stop_auto_rerun(self, message: ForwardMsg) -> None:
        self._cancel_auto_reruns(list(message.stop_auto_rerun.fragment_ids))

    def _cancel_auto_reruns(self, fragment_ids: list[str]) -> None:
        for fragment_id in fragment_ids:
            entry = self._auto_reruns.pop(fragment_id, None)
            if entry is not None:
                entry[1].cancel()

    async def _auto_rerun(self, fragment_id: str, interval: float) -> None:
        with contextlib.suppress(ConnectionClosed):
            while True:
                await asyncio.sleep(interval)
                await self._send_rerun(fragment_id, is_auto_rerun=True)


@dataclass
class Tally:
    """Runs and failures of a group of students, summed the way the load bench reports them."""

    results: list[RunResult] = field(default_factory=list)
    handshake_failures: int = 0

    def add(self, result: RunResult) -> RunResult:
        self.results.append(result)
        return result

    def latencies(self) -> list[float]:
        return sorted(result.latency_s for result in self.results if result.ok and result.latency_s is not None)

    def summary(self) -> dict[str, Any]:
        """runs, p50/p95/max latency (s), exceptions, failed runs, timeouts and handshake failures."""
        latencies = self.latencies()
        return {
            "runs": len(self.results),
            "p50_s": rounded(percentile(latencies, 50)),
            "p95_s": rounded(percentile(latencies, 95)),
            "max_s": rounded(latencies[-1] if latencies else None),
            "exceptions": sum(result.exceptions for result in self.results),
            "failed_runs": sum(not result.ok for result in self.results),
            "timeouts": sum(result.status == "timeout" for result in self.results),
            "error_alerts": sum(result.error_alerts for result in self.results),
            "handshake_failures": self.handshake_failures,
        }


def percentile(sorted_values: list[float], q: float) -> float | None:
    """Linear-interpolated percentile of already sorted values (None when empty)."""
    if not sorted_values:
        return None
    position = (len(sorted_values) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (position - low)


def rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)
