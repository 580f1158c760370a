// SmartConsult reference mobile-web app: a single-page client of the JSON API (same origin).
// No framework and no CDN: plain modules. Every element the suite touches has a data-testid
// from pages/testids.py. In test mode the app reads the reference's active fault switches
// (GET /__test__/faults) and breaks itself the way each named UI fault says.

const ACCESS = "sc.access";
const REFRESH = "sc.refresh";
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

const TEXT = {
  emailRequired: "Email is required",
  passwordRequired: "Password is required",
  invalidCredentials: "Invalid email or password",
  emailInvalid: "Enter a valid email address",
  resetSent: "If this email is registered, we have sent a link to reset the password",
  failed: "Something went wrong. Please try again.",
};

let faults = new Set();
const fault = (name) => faults.has(name);

async function loadFaults() {
  try {
    const res = await fetch("/__test__/faults");
    if (res.ok) faults = new Set((await res.json()).filter((f) => f.active).map((f) => f.name));
  } catch (_) { /* not a test-mode server: no faults */ }
}

// ---- tiny DOM helper -------------------------------------------------------------------------
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value == null) continue;
    if (key === "testid") el.dataset.testid = value;
    else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else if (key === "class") el.className = value;
    else el.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child != null && child !== false) el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

const root = () => document.getElementById("app");
function mount(...nodes) { root().replaceChildren(...nodes); }
function go(path) { location.hash = "#" + path; }

// ---- API client ------------------------------------------------------------------------------
const session = {
  get access() { return localStorage.getItem(ACCESS); },
  get refresh() { return localStorage.getItem(REFRESH); },
  save(tokens) {
    if (tokens.access) localStorage.setItem(ACCESS, tokens.access);
    if (tokens.refresh) localStorage.setItem(REFRESH, tokens.refresh);
  },
  clear() { localStorage.removeItem(ACCESS); localStorage.removeItem(REFRESH); },
  get signedIn() { return Boolean(this.access); },
};

async function api(method, path, body, { auth = true, retry = true } = {}) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (auth && session.access) headers.Authorization = `Bearer ${session.access}`;
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status === 401 && auth && retry && session.refresh) {
    const refreshed = await fetch("/auth/refresh/", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ refresh: session.refresh }),
    });
    if (refreshed.ok) {
      session.save(await refreshed.json());
      return api(method, path, body, { auth, retry: false });
    }
    session.clear();
    go("/login");
  }
  let data = null;
  try { data = await res.json(); } catch (_) { /* empty body */ }
  return { ok: res.ok, status: res.status, data };
}

// ---- shared pieces ---------------------------------------------------------------------------
function errorBox(testid, message, { top = false, grey = false, plain = false } = {}) {
  const classes = ["error-box", top && "fault-error-top", grey && "fault-error-grey", plain && "fault-error-plain"];
  return h("div", { class: classes.filter(Boolean).join(" "), role: "alert", testid }, message);
}

function authScreen(testid, title, lead, ...content) {
  return h("main", { class: "auth-screen", testid },
    h("div", { class: "brand" }, h("span", { class: "dot" }), "SmartConsult"),
    h("h1", {}, title), h("p", { class: "lead" }, lead), ...content);
}

function field(label, input) { return h("label", { class: "field" }, h("span", {}, label), input); }

// ---- 1. Login --------------------------------------------------------------------------------
function loginScreen() {
  const email = h("input", { class: "input", type: "email", name: "email", autocomplete: "username", testid: "login-email" });
  const password = h("input", { class: "input", type: "password", name: "password", autocomplete: "current-password", testid: "login-password" });
  const submit = h("button", { class: "btn-primary", type: "submit", testid: "login-submit" }, "Log in");
  const slot = h("div");
  const showError = (message) => slot.replaceChildren(errorBox("login-error", message,
    { top: fault("login-error-at-top"), grey: fault("login-error-not-red") }));

  async function onsubmit(event) {
    event.preventDefault();
    slot.replaceChildren();
    const missing = [];
    if (!email.value.trim() && !fault("login-email-not-required")) missing.push(TEXT.emailRequired);
    if (!password.value && !fault("login-empty-password-accepted")) missing.push(TEXT.passwordRequired);
    if (missing.length) return showError(missing.join(". "));
    submit.disabled = true;
    try {
      const res = await api("POST", "/auth/login/", { email: email.value.trim(), password: password.value }, { auth: false });
      if (res.ok) { session.save(res.data); go("/experts"); return; }
      showError(res.status === 401 ? TEXT.invalidCredentials : (res.data && res.data.detail) || TEXT.failed);
    } catch (_) {
      showError(TEXT.failed);
    } finally {
      submit.disabled = false;
    }
  }

  const register = h("a", { class: "link", href: fault("login-register-link-to-forgot") ? "#/forgot-password" : "#/register",
    testid: "login-register-link" }, "Register");
  const forgot = fault("login-forgot-link-missing") ? null
    : h("a", { class: "link", href: "#/forgot-password", testid: "login-forgot-link" }, "Forgot password?");
  mount(authScreen("login-screen", "Log in", "Consult verified experts",
    h("form", { novalidate: true, onsubmit },
      field("Email", email), field("Password", password), submit),
    h("div", { class: "links" }, register, forgot), slot));
}

// ---- 2. Registration (shell: role choice) ----------------------------------------------------
function registrationScreen() {
  const role = (value, label, checked, testid) => h("label", { class: "field" },
    h("input", { type: "radio", name: "role", value, checked, testid }), " ", label);
  mount(authScreen("registration-screen", "Registration", "Who are you?",
    role("client", "Client", true, "registration-role-client"), role("expert", "Expert", false, "registration-role-expert"),
    h("div", { class: "links" }, h("a", { class: "link", href: "#/login" }, "Back to log in"))));
}

// ---- 3. Forgot password ----------------------------------------------------------------------
function forgotScreen() {
  const email = h("input", { class: "input", type: "email", name: "email", autocomplete: "email", testid: "forgot-email" });
  const submit = h("button", { class: "btn-primary", type: "submit", testid: "forgot-submit" }, "Send reset link");
  const slot = h("div");
  const showError = (message) => slot.replaceChildren(errorBox("forgot-error", message, { plain: fault("forgot-error-plain-text") }));

  async function onsubmit(event) {
    event.preventDefault();
    slot.replaceChildren();
    const value = email.value.trim();
    if (!value && !fault("forgot-email-not-required")) return showError(TEXT.emailRequired);
    if (value && !EMAIL_RE.test(value) && !fault("forgot-accepts-malformed-email")) return showError(TEXT.emailInvalid);
    submit.disabled = true;
    try {
      const res = await api("POST", "/auth/password/reset/", { email: value }, { auth: false });
      if (res.ok) slot.replaceChildren(h("div", { class: "success-box", role: "status", testid: "forgot-success" }, TEXT.resetSent));
      else showError((res.data && res.data.detail) || TEXT.failed);
    } catch (_) {
      showError(TEXT.failed);
    } finally {
      submit.disabled = false;
    }
  }

  const screen = authScreen("forgot-screen", "Forgot password", "We will email you a link to set a new password",
    h("form", { novalidate: true, onsubmit }, field("Email", email), submit),
    h("div", { class: "links" }, h("a", { class: "link", href: "#/login", testid: "forgot-back-link" }, "Back to log in")));
  if (fault("forgot-error-plain-text")) screen.querySelector("form").before(slot); else screen.append(slot);
  if (fault("forgot-style-differs")) screen.classList.add("fault-alt-style");
  mount(screen);
}

// ---- signed-in shell: header (4.H) + bottom menu (4.M) ---------------------------------------
function shell(title, active, content) {
  const initials = "";
  const header = h("header", { class: "header" },
    h("h1", { testid: "header-title" }, title),
    h("button", { class: "icon-btn", "aria-label": "Search", testid: "header-search" }, "⌕"),
    h("button", { class: "avatar", "aria-label": "Profile", testid: "header-avatar" }, initials || "•"));
  const item = (testid, label, { disabled = false, on = null, cls = "" } = {}) => h("button",
    { testid, disabled, class: [active === testid && "active", cls].filter(Boolean).join(" "), onclick: on }, label);
  const menu = h("nav", { class: "menu", "aria-label": "Main" },
    item("menu-experts", "Experts", { on: () => go("/experts") }),
    item("menu-materials", "Materials", { disabled: true }),
    item("menu-plus", h("span", {}, "+"), { cls: "plus" }),
    item("menu-consultations", "Consultations"),
    item("menu-questions", "Questions", { disabled: true }));
  return h("div", { class: "shell" }, header, content, menu);
}

// ---- 5. Experts list -------------------------------------------------------------------------
async function expertsScreen() {
  const list = h("ul", { class: "list" });
  mount(shell("Experts", "menu-experts", h("section", { testid: "experts-screen" }, list)));
  const res = await api("GET", "/experts?page=1&limit=20");
  if (!res.ok) return;
  const results = res.data.results || [];
  if (!results.length) list.replaceWith(h("p", { class: "empty", testid: "experts-empty" }, "No experts yet"));
  for (const e of results) {
    list.append(h("li", { class: "expert", testid: "expert-item", "data-expert-id": e.id },
      h("div", { class: "pic" }, (e.first_name[0] || "") + (e.last_name[0] || "")),
      h("div", {},
        h("div", { class: "name" }, `${e.last_name} ${e.first_name}`),
        h("div", { class: "meta" }, `★ ${Number(e.rating).toFixed(1)} · ${e.category || ""}`),
        h("div", { class: "meta" }, `${e.price_per_hour} ₽ / hour`))));
  }
}

// ---- router ----------------------------------------------------------------------------------
const PUBLIC = { "/login": loginScreen, "/register": registrationScreen, "/forgot-password": forgotScreen };
const PRIVATE = { "/experts": expertsScreen };

function route() {
  const path = (location.hash.replace(/^#/, "") || "/").split("?")[0];
  if (PRIVATE[path]) return session.signedIn ? PRIVATE[path]() : go("/login");
  if (path === "/login" && session.signedIn) return go("/experts");
  if (PUBLIC[path]) return PUBLIC[path]();
  go(session.signedIn ? "/experts" : "/login");
}

window.addEventListener("hashchange", route);
loadFaults().then(route);
