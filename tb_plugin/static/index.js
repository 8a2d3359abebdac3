// src/view/style.css?inline
var e = class extends Error {
	url;
	status;
	name = "ApiError";
	constructor(e, t, n) {
		super(e), this.url = t, this.status = n;
	}
};
function t(e) {
	return new URLSearchParams({
		run: e.run,
		tag: e.tag,
		step: String(e.step),
		source: e.source
	});
}
function n(e) {
	return `graph?${t(e)}`;
}
async function r(t) {
	let n = "graphs", r = await o(n, t);
	if (!Array.isArray(r.graphs)) throw new e(`GET ${n} answered JSON without a "graphs" list; is the backend GraphFold's?`, n, 200);
	return r.graphs;
}
async function i(t, r) {
	let i = n(t), a = await o(i, r);
	if (!(a.schema_version <= 1)) throw new e(`graph "${t.run}" / "${t.tag}" has schema version ${a.schema_version}, newer than the 1 this page reads; reload the page to get the matching frontend`, i, 200);
	if (!Array.isArray(a.nodes) || !Array.isArray(a.modules)) throw new e(`GET ${i} answered JSON without "nodes" and "modules" lists`, i, 200);
	return a;
}
function a(e) {
	let t;
	try {
		t = JSON.parse(e);
	} catch {
		return null;
	}
	let n = t?.error?.message;
	return typeof n == "string" && n ? n : null;
}
async function o(t, n) {
	let r, i;
	try {
		r = await fetch(t, {
			signal: n,
			headers: { Accept: "application/json" }
		}), i = await r.text();
	} catch (r) {
		throw n?.aborted ? r : new e(`could not reach the GraphFold backend (GET ${t}): ${s(r)}`, t, null);
	}
	if (!r.ok) throw new e(a(i) ?? `GET ${t} failed: HTTP ${r.status} ${r.statusText}`.trim(), t, r.status);
	try {
		return JSON.parse(i);
	} catch (n) {
		throw new e(`GET ${t} answered HTTP ${r.status} with a body that is not JSON (${s(n)}): ` + JSON.stringify(i.slice(0, 80)), t, r.status);
	}
}
function s(e) {
	return e instanceof Error ? e.message : String(e);
}
// src/selection.ts
var c = ["graphfold", "graphdef"];
function l(e) {
	return `#${t(e)}`;
}
function u(e) {
	let t = new URLSearchParams(e.replace(/^#/, "")), n = t.get("run"), r = t.get("tag");
	if (n === null || r === null) return null;
	let i = t.get("source"), a = t.get("step");
	return {
		run: n,
		tag: r,
		source: c.find((e) => e === i) ?? "graphfold",
		step: a !== null && /^\d+$/.test(a) ? Number(a) : null
	};
}
function d(e, t) {
	let n = t && e.find((e) => e.run === t.run && e.tag === t.tag && e.source === t.source), r = n || t && e.find((e) => e.run === t.run) || e[0];
	if (!r) return null;
	let i = n && t ? t.step : null, a = f(r);
	return {
		listing: r,
		step: i !== null && a.includes(i) ? i : p(a)
	};
}
function f(e) {
	return e.steps.filter((e) => e.error === null).map((e) => e.step);
}
function p(e) {
	return e.reduce((e, t) => e === null || t > e ? t : e, null);
}
// src/summary.ts
function m(e) {
	let { topLevel: t, rootNodeCount: n } = v(e.modules, e.nodes);
	return {
		name: e.name,
		sourceFormat: e.source_format,
		producer: e.producer,
		nodeCount: e.nodes.length,
		edgeCount: h(e.nodes),
		moduleCount: e.modules.length,
		parameterCount: g(e.nodes),
		classCounts: _(e.modules),
		topLevelModules: t,
		rootNodeCount: n
	};
}
function h(e) {
	return e.reduce((e, t) => e + t.inputs.length, 0);
}
function g(e) {
	return e.reduce((e, t) => e + (t.kind === "parameter" ? t.parameter_count : 0), 0);
}
function _(e) {
	let t = /* @__PURE__ */ new Map();
	for (let n of e) t.set(n.class_name, (t.get(n.class_name) ?? 0) + 1);
	return [...t].map(([e, t]) => ({
		className: e,
		count: t
	})).sort((e, t) => t.count - e.count || x(e.className, t.className));
}
function v(e, t) {
	let n = /* @__PURE__ */ new Map();
	for (let t of e) t.path && !t.path.includes(".") && n.set(t.path, {
		path: t.path,
		className: t.class_name,
		nodeCount: 0
	});
	let r = 0;
	for (let e of t) {
		if (!e.module) {
			r += 1;
			continue;
		}
		let t = b(e.module), i = n.get(t);
		i || n.set(t, i = {
			path: t,
			className: "",
			nodeCount: 0
		}), i.nodeCount += 1;
	}
	return {
		topLevel: [...n.values()],
		rootNodeCount: r
	};
}
function y(e) {
	return e.slice(e.lastIndexOf(".") + 1);
}
function b(e) {
	let t = e.indexOf(".");
	return t < 0 ? e : e.slice(0, t);
}
function x(e, t) {
	return e < t ? -1 : +(e > t);
}
// src/view/dom.ts
function S(e, t = {}, ...n) {
	let r = document.createElement(e);
	for (let [e, n] of Object.entries(t)) {
		if (/^on/i.test(e)) throw Error(`h(): set "${e}" with addEventListener, not as an attribute`);
		n != null && n !== !1 && r.setAttribute(e, n === !0 ? "" : String(n));
	}
	return C(r, ...n), r;
}
function C(e, ...t) {
	for (let n of t) n != null && n !== !1 && e.appendChild(typeof n == "string" ? document.createTextNode(n) : n);
}
function w(e, ...t) {
	e.replaceChildren(), C(e, ...t);
}
function T(e, t, n = {}) {
	let r = new Option(t, e);
	return r.disabled = n.disabled ?? !1, n.title && (r.title = n.title), r;
}
// src/format.ts
var E = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
function D(e) {
	return E.format(e);
}
var O = [
	"",
	"K",
	"M",
	"B",
	"T"
];
function k(e) {
	return M(e, 1e3, O, "");
}
var A = [
	"B",
	"KB",
	"MB",
	"GB",
	"TB"
];
function j(e) {
	return M(e, 1024, A, " ", (e) => +(e < 10));
}
function M(e, t, n, r, i = () => 1) {
	if (!Number.isFinite(e)) return String(e);
	let a = e < 0 ? "-" : "", o = Math.abs(e), s = 0;
	for (; o >= t && s < n.length - 1;) o /= t, s += 1;
	if (s === 0) return `${a}${Math.round(o)}${r}${n[0]}`.trimEnd();
	let c = o.toFixed(i(o));
	return Number(c) >= t && s < n.length - 1 && (s += 1, c = (Number(c) / t).toFixed(i(Number(c) / t))), `${a}${c.replace(/\.0$/, "")}${r}${n[s]}`;
}
function N(e, t) {
	return `${D(e)} ${t}${e === 1 ? "" : "s"}`;
}
// src/view/picker.ts
function P(e) {
	let t = S("select", { name: "run" }), n = S("select", { name: "tag" }), r = S("select", { name: "step" }), i = S("form", {
		class: "gf-picker",
		"aria-label": "Graph"
	}, S("label", {}, "Run", t), S("label", {}, "Tag", n), S("label", {}, "Step", r));
	i.addEventListener("submit", (e) => e.preventDefault());
	let a = [], o;
	t.addEventListener("change", () => {
		let n = a.find((e) => e.run === t.value);
		n && e({
			run: n.run,
			tag: n.tag,
			source: n.source,
			step: null
		});
	}), n.addEventListener("change", () => {
		let t = a[Number(n.value)];
		t && e({
			run: t.run,
			tag: t.tag,
			source: t.source,
			step: null
		});
	}), r.addEventListener("change", () => {
		o && e({
			run: o.run,
			tag: o.tag,
			source: o.source,
			step: Number(r.value)
		});
	});
	function s(e, i) {
		a = e, o = i.listing;
		let s = [...new Set(e.map((e) => e.run))];
		t.replaceChildren(...s.map((e) => T(e, e))), t.value = o.run;
		let c = o.run;
		n.replaceChildren(...e.flatMap((e, t) => e.run === c ? [T(String(t), F(e))] : [])), n.value = String(e.indexOf(o)), r.replaceChildren(...o.steps.map((e) => T(String(e.step), I(e), {
			disabled: e.error !== null,
			title: L(e)
		}))), i.step === null ? r.selectedIndex = -1 : r.value = String(i.step);
	}
	return {
		element: i,
		show: s
	};
}
function F(e) {
	return e.source === "graphdef" ? `${e.tag} (GraphDef)` : e.tag;
}
function I(e) {
	return e.error === null ? `step ${e.step} — ${N(e.node_count, "node")}, ${j(e.blob_bytes)}` : `step ${e.step} — error: ${e.error}`;
}
function L(e) {
	let t = /* @__PURE__ */ new Date(e.wall_time * 1e3), n = Number.isNaN(t.getTime()) ? "" : ` (logged ${t.toISOString()})`;
	return e.error === null ? `${e.name}: ${N(e.edge_count, "edge")}, ${N(e.module_count, "module")}${n}` : e.error + n;
}
// src/view/summary_panel.ts
var R = {
	torch_export: "torch.export",
	onnx: "ONNX",
	graphdef: "GraphDef",
	unspecified: "unspecified"
};
function z(e) {
	return S("article", { class: "gf-summary" }, S("h2", {}, e.name || "(unnamed graph)"), S("dl", { class: "gf-facts" }, B("Source format", R[e.sourceFormat] ?? e.sourceFormat), B("Producer", e.producer || "—")), S("ul", { class: "gf-counts" }, V(e.nodeCount, "node"), V(e.edgeCount, "edge"), V(e.moduleCount, "module"), V(e.parameterCount, "parameter", k)), S("div", { class: "gf-tables" }, S("section", {}, S("h3", {}, "Top-level modules"), H(e)), S("section", {}, S("h3", {}, "Module classes"), W(e))));
}
function B(e, t) {
	let n = document.createDocumentFragment();
	return n.append(S("dt", {}, e), S("dd", {}, t)), n;
}
function V(e, t, n = D) {
	let r = D(e), i = n(e);
	return S("li", { title: i === r ? null : r }, S("span", { class: "gf-count" }, i), ` ${t}${e === 1 ? "" : "s"}`);
}
function H(e) {
	let t = e.topLevelModules.map(U);
	return e.rootNodeCount > 0 && t.push(S("tr", { class: "gf-muted" }, S("td", {}, "(root module itself)"), S("td", {}), S("td", { class: "gf-num" }, D(e.rootNodeCount)))), t.length ? K([
		"Module",
		"Class",
		"Nodes"
	], t) : S("p", { class: "gf-muted" }, "This graph has no nodes.");
}
function U(e) {
	return S("tr", {}, S("td", { class: "gf-path" }, e.path), G(e.className), S("td", { class: "gf-num" }, D(e.nodeCount)));
}
function W(e) {
	return e.classCounts.length ? K(["Class", "Instances"], e.classCounts.map(({ className: e, count: t }) => S("tr", {}, G(e), S("td", { class: "gf-num" }, D(t))))) : S("p", { class: "gf-muted" }, "This graph has no modules.");
}
function G(e) {
	return e ? S("td", { title: e }, y(e)) : S("td", { class: "gf-muted" }, "(unknown class)");
}
function K(e, t) {
	return S("table", {}, S("thead", {}, S("tr", {}, ...e.map((e) => S("th", { scope: "col" }, e)))), S("tbody", {}, ...t));
}
// src/view/app.ts
var q = "No graphs in this log directory yet. Log one with tb_plugin.summary.log_graph(writer, model, example_inputs), or with SummaryWriter.add_graph, then press Reload.";
function J(e) {
	let t = P(h), n = S("button", {
		type: "button",
		class: "gf-reload"
	}, "Reload"), a = S("p", {
		class: "gf-status",
		role: "status",
		hidden: !0
	}), o = S("div", { class: "gf-panel" });
	e.append(S("header", { class: "gf-header" }, S("h1", {}, "GraphFold"), t.element, n), S("main", {}, a, o)), t.element.hidden = !0;
	let s = [], c = null, f = null;
	n.addEventListener("click", () => void p(c ?? u(location.hash))), p(u(location.hash));
	async function p(e) {
		f?.abort(), _("loading", "Loading the list of graphs…"), n.disabled = !0;
		try {
			s = await r();
		} catch (e) {
			_("error", `Could not list the graphs: ${Y(e)}`);
			return;
		} finally {
			n.disabled = !1;
		}
		t.element.hidden = s.length === 0, s.length ? h(e) : (w(o), _("info", q));
	}
	function h(e) {
		let n = d(s, e);
		if (!n) return;
		t.show(s, n), f?.abort();
		let { run: r, tag: i, source: a } = n.listing;
		if (n.step === null) {
			c = null, w(o), _("error", `No step of run "${r}", tag "${i}" can be read. ${n.listing.steps.map((e) => `step ${e.step}: ${e.error}`).join("; ")}`);
			return;
		}
		c = {
			run: r,
			tag: i,
			source: a,
			step: n.step
		};
		let u = new URL(location.href);
		u.hash = l(c), history.replaceState(history.state, "", u.href), g(c);
	}
	async function g(e) {
		let t = new AbortController();
		f = t, _("loading", `Loading run "${e.run}", tag "${e.tag}", step ${e.step}…`), o.classList.add("gf-stale");
		try {
			let n = await i(e, t.signal);
			if (t.signal.aborted) return;
			w(o, z(m(n))), _(null);
		} catch (e) {
			if (t.signal.aborted) return;
			w(o), _("error", Y(e));
		} finally {
			t.signal.aborted || o.classList.remove("gf-stale");
		}
	}
	function _(e, t = "") {
		a.hidden = e === null, a.className = e ? `gf-status gf-${e}` : "gf-status", a.setAttribute("role", e === "error" ? "alert" : "status"), a.textContent = t;
	}
}
function Y(e) {
	return e instanceof Error ? e.message : String(e);
}
// src/index.ts
var X = "graphfold-style";
function Z(e = document.body) {
	let t = e.ownerDocument;
	if (!t.getElementById(X)) {
		let e = t.createElement("style");
		e.id = X, e.textContent = ".graphfold{--lightningcss-light:initial;--lightningcss-dark: ;color-scheme:light dark;--gf-bg:#fff;--gf-fg:#202124;--gf-muted:#5f6368;--gf-border:#dadce0;--gf-surface:#f8f9fa;--gf-accent:#1a73e8;--gf-error-bg:#fce8e6;--gf-error-fg:#a50e0e;background:var(--gf-bg);min-height:100vh;color:var(--gf-fg);margin:0;font:14px/1.45 Roboto,Segoe UI,system-ui,sans-serif}@media (prefers-color-scheme:dark){.graphfold{--lightningcss-light: ;--lightningcss-dark:initial;--gf-bg:#202124;--gf-fg:#e8eaed;--gf-muted:#9aa0a6;--gf-border:#3c4043;--gf-surface:#292a2d;--gf-accent:#8ab4f8;--gf-error-bg:#3c1f1e;--gf-error-fg:#f28b82}}.graphfold [hidden]{display:none!important}.gf-header{border-bottom:1px solid var(--gf-border);background:var(--gf-surface);flex-wrap:wrap;align-items:center;gap:8px 24px;padding:12px 24px;display:flex}.gf-header h1{margin:0;font-size:18px;font-weight:500}.gf-picker{flex-wrap:wrap;gap:8px 16px;margin:0;display:flex}.gf-picker label{color:var(--gf-muted);align-items:center;gap:6px;display:flex}.gf-picker select,.gf-reload{border:1px solid var(--gf-border);background:var(--gf-bg);max-width:28em;color:var(--gf-fg);font:inherit;border-radius:4px;padding:4px 6px}.gf-reload{cursor:pointer}.gf-picker select:focus-visible,.gf-reload:focus-visible{outline:2px solid var(--gf-accent);outline-offset:1px}.gf-reload:disabled{cursor:progress;opacity:.6}.graphfold main{padding:16px 24px}.gf-status{white-space:pre-wrap;overflow-wrap:anywhere;border-radius:4px;margin:0 0 16px;padding:8px 12px}.gf-loading,.gf-info{color:var(--gf-muted);background:var(--gf-surface)}.gf-error{color:var(--gf-error-fg);background:var(--gf-error-bg)}.gf-stale{opacity:.5}.gf-summary h2{overflow-wrap:anywhere;margin:0 0 8px;font-size:20px;font-weight:500}.gf-facts{grid-template-columns:max-content 1fr;gap:2px 16px;margin:0 0 16px;display:grid}.gf-facts dt{color:var(--gf-muted)}.gf-facts dd{overflow-wrap:anywhere;margin:0}.gf-counts{flex-wrap:wrap;gap:12px;margin:0 0 24px;padding:0;list-style:none;display:flex}.gf-counts li{border:1px solid var(--gf-border);color:var(--gf-muted);border-radius:8px;padding:8px 16px}.gf-count{color:var(--gf-fg);font-variant-numeric:tabular-nums;font-size:20px}.gf-tables{flex-wrap:wrap;align-items:flex-start;gap:24px 48px;display:flex}.gf-tables h3{margin:0 0 8px;font-size:15px;font-weight:500}.gf-tables table{border-collapse:collapse}.gf-tables th,.gf-tables td{border-bottom:1px solid var(--gf-border);text-align:left;vertical-align:top;padding:4px 12px 4px 0}.gf-tables th{color:var(--gf-muted);font-weight:500}.gf-tables td[title]{cursor:help}.gf-tables .gf-num{text-align:right;font-variant-numeric:tabular-nums}.gf-path{overflow-wrap:anywhere;font-family:Roboto Mono,ui-monospace,monospace}.gf-muted{color:var(--gf-muted)}", t.head.append(e);
	}
	e.classList.add("graphfold"), J(e);
}
export { Z as render };
