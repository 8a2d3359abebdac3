// src/view/style.css?inline
var e = "p.graphfold.";
function t(t) {
	let n = t.replace(/^#/, "").split("&").filter((t) => t.startsWith(e)).map((e) => e.slice(12));
	return n.length ? `#${n.join("&")}` : "";
}
function n(t, n) {
	let r = t.replace(/^#/, "").split("&").filter((t) => t && !t.startsWith(e));
	(!r.length || r[0].includes("=")) && r.unshift("graphfold");
	let i = n.replace(/^#/, "").split("&").filter(Boolean).map((t) => e + t);
	return `#${[...r, ...i].join("&")}`;
}
function r() {
	try {
		return window.parent !== window && window.parent.location.href ? window.parent : null;
	} catch {
		return null;
	}
}
function i() {
	let e = r();
	return e ? t(e.location.hash) : "";
}
function a(e) {
	let t = r();
	if (!t) return;
	let i = new URL(t.location.href);
	i.hash = n(t.location.hash, e), i.href !== t.location.href && t.history.replaceState(t.history.state, "", i.href);
}
// src/api.ts
var o = class extends Error {
	url;
	status;
	name = "ApiError";
	constructor(e, t, n) {
		super(e), this.url = t, this.status = n;
	}
};
function s(e) {
	return new URLSearchParams({
		run: e.run,
		tag: e.tag,
		step: String(e.step),
		source: e.source
	});
}
function c(e) {
	return `graph?${s(e)}`;
}
async function l(e) {
	let t = "graphs", n = await _(t, e);
	if (!Array.isArray(n.graphs)) throw new o(`GET ${t} answered JSON without a "graphs" list; is the backend GraphFold's?`, t, 200);
	return n.graphs;
}
async function u(e, t) {
	let n = c(e), r = await _(n, t);
	if (!(r.schema_version <= 1)) throw new o(`graph "${e.run}" / "${e.tag}" has schema version ${r.schema_version}, newer than the 1 this page reads; reload the page to get the matching frontend`, n, 200);
	if (!Array.isArray(r.nodes) || !Array.isArray(r.modules)) throw new o(`GET ${n} answered JSON without "nodes" and "modules" lists`, n, 200);
	return r;
}
async function d(e, t, n) {
	let r = `view?${h(e, { module: t })}`, i = await _(r, n);
	if (!i.module || !Array.isArray(i.children) || !Array.isArray(i.edges)) throw new o(`GET ${r} answered JSON without "module", "children" and "edges"`, r, 200);
	return i;
}
function f(e, t, n = 200, r) {
	return _(`search?${h(e, {
		q: t,
		limit: String(n)
	})}`, r);
}
function p(e, t, n) {
	return _(`locate?${h(e, { node: t })}`, n);
}
var m = {
	view: (e, t) => d(e, t),
	graph: (e) => u(e),
	search: (e, t) => f(e, t),
	locate: (e, t) => p(e, t)
};
function h(e, t) {
	let n = s(e);
	for (let [e, r] of Object.entries(t)) n.set(e, r);
	return n;
}
function g(e) {
	let t;
	try {
		t = JSON.parse(e);
	} catch {
		return null;
	}
	let n = t?.error?.message;
	return typeof n == "string" && n ? n : null;
}
async function _(e, t) {
	let n, r;
	try {
		n = await fetch(e, {
			signal: t,
			headers: { Accept: "application/json" }
		}), r = await n.text();
	} catch (n) {
		throw t?.aborted ? n : new o(`could not reach the GraphFold backend (GET ${e}): ${v(n)}`, e, null);
	}
	if (!n.ok) throw new o(g(r) ?? `GET ${e} failed: HTTP ${n.status} ${n.statusText}`.trim(), e, n.status);
	try {
		return JSON.parse(r);
	} catch (t) {
		throw new o(`GET ${e} answered HTTP ${n.status} with a body that is not JSON (${v(t)}): ` + JSON.stringify(r.slice(0, 80)), e, n.status);
	}
}
function v(e) {
	return e instanceof Error ? e.message : String(e);
}
// src/deep_link.ts
var y = ["graphfold", "graphdef"];
function b(e, t) {
	let n = [
		`run=${C(e.run)}`,
		`tag=${C(e.tag)}`,
		`step=${e.step}`,
		`source=${C(e.source)}`
	];
	return t.open.size && n.push(`open=${[...t.open].sort().map(C).join(",")}`), t.selection !== null && n.push(`sel=${C(t.selection)}`), t.members.size && n.push(`member=${[...t.members].sort().map(([e, t]) => `${C(e)}:${C(t)}`).join(",")}`), `#${n.join("&")}`;
}
function ee(e) {
	let t = /* @__PURE__ */ new Map();
	for (let n of e.replace(/^#/, "").split("&")) {
		if (!n) continue;
		let e = n.indexOf("="), r = e < 0 ? n : n.slice(0, e);
		t.set(w(r), e < 0 ? "" : n.slice(e + 1));
	}
	let n = (e) => {
		let n = t.get(e);
		return n === void 0 ? void 0 : w(n);
	}, r = n("run"), i = n("tag"), a = n("step"), o = n("source"), s = r === void 0 || i === void 0 ? null : {
		run: r,
		tag: i,
		source: y.find((e) => e === o) ?? "graphfold",
		step: a !== void 0 && /^\d+$/.test(a) ? Number(a) : null
	}, c = new Set(x(t.get("open"))), l = /* @__PURE__ */ new Map(), u = t.get("member") ?? "", d = /[,:]/.test(u);
	for (let e of (d ? u : w(u)).split(",")) {
		let t = d ? S(e) : te(e);
		t && l.set(t[0], t[1]);
	}
	let f = n("sel");
	return {
		graph: s,
		state: {
			open: c,
			members: l,
			unstacked: /* @__PURE__ */ new Set(),
			selection: f || null
		}
	};
}
function x(e) {
	return e ? (e.includes(",") ? e.split(",").map(w) : w(e).split(",")).filter((e) => e !== "") : [];
}
function S(e) {
	let t = e.indexOf(":");
	return t > 0 ? [w(e.slice(0, t)), w(e.slice(t + 1))] : null;
}
function te(e) {
	let t = e.indexOf(":", e.startsWith("s:") ? 2 : 0);
	return t > 0 ? [e.slice(0, t), e.slice(t + 1)] : null;
}
function C(e) {
	return encodeURIComponent(e);
}
function w(e) {
	try {
		return decodeURIComponent(e.replace(/\+/g, " "));
	} catch {
		return e;
	}
}
// src/layout_client.ts
var ne = "./assets/layout_worker.js", T = 1e3;
function re() {
	if (typeof Worker > "u") return ie("this browser has no Web Workers");
	try {
		return new Worker(new URL(ne, import.meta.url), { name: "graphfold-layout" });
	} catch (e) {
		return ie(e instanceof Error ? e.message : String(e));
	}
}
function ie(e) {
	let t = {
		onmessage: null,
		onerror: null,
		postMessage(n) {
			if (n.type !== "layout") return;
			let r = {
				type: "failed",
				id: n.id,
				message: `the layout worker could not start: ${e}`
			};
			setTimeout(() => t.onmessage?.({ data: r }), 0);
		},
		terminate() {}
	};
	return t;
}
function ae(e, t) {
	let n = /* @__PURE__ */ new Map(), r = /* @__PURE__ */ new Map(), i = 1, a = null;
	e.onmessage = (e) => {
		let r = e.data;
		switch (r.type) {
			case "progress":
				n.has(r.id) && t(r.stage);
				return;
			case "done":
				n.get(r.id)?.resolve(r.result), n.delete(r.id);
				return;
			case "failed":
				n.get(r.id)?.reject(Error(r.message)), n.delete(r.id);
				return;
		}
	}, e.onerror = (e) => {
		e.preventDefault?.(), a = /* @__PURE__ */ Error(`the layout worker (${ne}) failed: ${e.message || "it could not be loaded"}; reload the page, or rebuild the frontend (npm run build) if the file is missing`);
		for (let { reject: e } of n.values()) e(a);
		n.clear();
	}, e.postMessage({ type: "warm-up" });
	function o(t) {
		if (a) return Promise.reject(a);
		let r = i++;
		return new Promise((i, a) => {
			n.set(r, {
				resolve: i,
				reject: a
			}), e.postMessage({
				type: "layout",
				id: r,
				input: t
			});
		});
	}
	return {
		layout(e) {
			let t = r.get(e.key);
			if (t) return r.delete(e.key), r.set(e.key, t), t;
			let n = o(e);
			for (r.set(e.key, n), n.catch(() => r.delete(e.key)); r.size > T;) r.delete(r.keys().next().value);
			return n;
		},
		clear: () => r.clear(),
		get pending() {
			return n.size;
		},
		dispose() {
			e.terminate();
			for (let { reject: e } of n.values()) e(/* @__PURE__ */ Error("the layout worker was stopped"));
			n.clear();
		}
	};
}
// src/view_state.ts
var oe = {
	open: /* @__PURE__ */ new Set(),
	members: /* @__PURE__ */ new Map(),
	unstacked: /* @__PURE__ */ new Set(),
	selection: null
};
function se(e) {
	return e.startsWith("m:") || e.startsWith("s:") ? e.slice(2) : null;
}
function E(e, t) {
	let n = se(t);
	return n !== null && e.open.has(n);
}
function D(e, t, n) {
	let r = se(t);
	if (r === null) return e;
	let i = new Set(e.open).add(r), { members: a, unstacked: o } = e;
	if (t.startsWith("s:") && n !== void 0) {
		let e = new Map(a);
		n === r ? e.delete(t) : e.set(t, n), a = e, o = he(o, t);
	}
	return {
		...e,
		open: i,
		members: a,
		unstacked: o
	};
}
function ce(e, t, n = []) {
	let r = se(t);
	if (r === null) return e;
	let i = [r, ...n], a = (e) => i.some((t) => e === t || k(e, t)), o = new Set([...e.open].filter((e) => !a(e))), s = new Map([...e.members].filter(([e]) => e !== t && !a(e.slice(2)))), c = new Set([...e.unstacked].filter((e) => e !== t && !a(e.slice(2))));
	return {
		...e,
		open: o,
		members: s,
		unstacked: c
	};
}
function le(e, t, n = []) {
	return E(e, t) ? ce(e, t, n) : D(e, t);
}
function ue(e, t, n) {
	return D(e, t, n);
}
function de(e, t, n) {
	let r = pe(e, t), i = ue(e, t, n), a = e.selection;
	if (!a?.startsWith("m:")) return i;
	let o = a.slice(2);
	return o !== r && !k(o, r) ? i : O(i, `m:${n}${o.slice(r.length)}`);
}
function fe(e, t, n) {
	let r = n ? D(e, t) : e, i = n ? new Set(r.unstacked).add(t) : he(r.unstacked, t);
	return {
		...r,
		unstacked: i
	};
}
function O(e, t) {
	return t === e.selection ? e : {
		...e,
		selection: t
	};
}
function pe(e, t) {
	return e.members.get(t) ?? t.slice(2);
}
function me(e, t) {
	let n = e;
	t.forEach((e, r) => {
		r !== t.length - 1 && (n = e.item.startsWith("s:") ? D(n, e.item, e.member ?? e.item.slice(2)) : D(n, e.item));
	});
	let r = t[t.length - 1];
	return r ? O(n, r.item) : n;
}
function k(e, t) {
	return t === "" ? e !== "" : e.length > t.length && e.startsWith(t) && /[./]/.test(e[t.length]);
}
function he(e, t) {
	if (!e.has(t)) return e;
	let n = new Set(e);
	return n.delete(t), n;
}
// src/selection.ts
function ge(e, t) {
	let n = t && e.find((e) => e.run === t.run && e.tag === t.tag && e.source === t.source), r = n || t && e.find((e) => e.run === t.run) || e[0];
	if (!r) return null;
	let i = n && t ? t.step : null, a = _e(r);
	return {
		listing: r,
		step: i !== null && a.includes(i) ? i : ve(a)
	};
}
function _e(e) {
	return e.steps.filter((e) => e.error === null).map((e) => e.step);
}
function ve(e) {
	return e.reduce((e, t) => e === null || t > e ? t : e, null);
}
// src/view/dom.ts
function A(e, t = {}, ...n) {
	let r = document.createElement(e);
	for (let [e, n] of Object.entries(t)) {
		if (/^on/i.test(e)) throw Error(`h(): set "${e}" with addEventListener, not as an attribute`);
		n != null && n !== !1 && r.setAttribute(e, n === !0 ? "" : String(n));
	}
	return ye(r, ...n), r;
}
function ye(e, ...t) {
	for (let n of t) n != null && n !== !1 && e.appendChild(typeof n == "string" ? document.createTextNode(n) : n);
}
function j(e, ...t) {
	e.replaceChildren(), ye(e, ...t);
}
function be(e, t, n = {}) {
	let r = new Option(t, e);
	return r.disabled = n.disabled ?? !1, n.title && (r.title = n.title), r;
}
// src/format.ts
var xe = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
function M(e) {
	return xe.format(e);
}
var Se = [
	"",
	"K",
	"M",
	"B",
	"T"
];
function N(e) {
	return Te(e, 1e3, Se, "");
}
var Ce = [
	"B",
	"KB",
	"MB",
	"GB",
	"TB"
];
function we(e) {
	return Te(e, 1024, Ce, " ", (e) => +(e < 10));
}
function Te(e, t, n, r, i = () => 1) {
	if (!Number.isFinite(e)) return String(e);
	let a = e < 0 ? "-" : "", o = Math.abs(e), s = 0;
	for (; o >= t && s < n.length - 1;) o /= t, s += 1;
	if (s === 0) return `${a}${Math.round(o)}${r}${n[0]}`.trimEnd();
	let c = o.toFixed(i(o));
	return Number(c) >= t && s < n.length - 1 && (s += 1, c = (Number(c) / t).toFixed(i(Number(c) / t))), `${a}${c.replace(/\.0$/, "")}${r}${n[s]}`;
}
function Ee(e, t) {
	return `${M(e)} ${t}${e === 1 ? "" : "s"}`;
}
// src/summary.ts
function De(e) {
	let { topLevel: t, rootNodeCount: n } = je(e.modules, e.nodes);
	return {
		name: e.name,
		sourceFormat: e.source_format,
		producer: e.producer,
		nodeCount: e.nodes.length,
		edgeCount: Oe(e.nodes),
		moduleCount: e.modules.length,
		parameterCount: ke(e.nodes),
		classCounts: Ae(e.modules),
		topLevelModules: t,
		rootNodeCount: n
	};
}
function Oe(e) {
	return e.reduce((e, t) => e + t.inputs.length, 0);
}
function ke(e) {
	return e.reduce((e, t) => e + (t.kind === "parameter" ? t.parameter_count : 0), 0);
}
function Ae(e) {
	let t = /* @__PURE__ */ new Map();
	for (let n of e) t.set(n.class_name, (t.get(n.class_name) ?? 0) + 1);
	return [...t].map(([e, t]) => ({
		className: e,
		count: t
	})).sort((e, t) => t.count - e.count || Pe(e.className, t.className));
}
function je(e, t) {
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
		let t = Ne(e.module), i = n.get(t);
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
function Me(e) {
	return e.slice(e.lastIndexOf(".") + 1);
}
function Ne(e) {
	let t = e.indexOf(".");
	return t < 0 ? e : e.slice(0, t);
}
function Pe(e, t) {
	return e < t ? -1 : +(e > t);
}
// src/geometry.ts
var P = "Roboto, \"Segoe UI\", system-ui, sans-serif", Fe = 64, Ie = 112, Le = 260;
function Re(e) {
	return [e.badge ? `${e.title} ${e.badge}` : e.title, e.subtitle].filter(Boolean).join(" · ");
}
var ze = null;
function Be(e) {
	ze = e;
}
function F(e, t, n = !1) {
	if (ze) return ze(e, t, n);
	let r = 0;
	for (let t of e) r += /[ilj.,:;'|!()[\]{} ]/.test(t) ? .32 : /[A-Z_mwMW@%]/.test(t) ? .72 : .56;
	return r * t * (n ? 1.06 : 1);
}
function Ve(e) {
	if (e.startsWith("aten.")) return e.split(".")[1] || e;
	let t = e.lastIndexOf("::");
	return t >= 0 ? e.slice(t + 2) : e;
}
function He(e) {
	return e.split(" | ").map((e) => Me(e)).join(" | ");
}
function Ue(e) {
	return e === null ? "?" : e.length ? e.join("×") : "scalar";
}
function I(e) {
	return `${Ue(e.shape)} ${e.dtype}`.trim();
}
function We(e) {
	let t = e.map(L);
	return t.length <= 3 ? t.join(", ") : `${t[0]} … ${t[t.length - 1]}`;
}
function L(e) {
	let t = e.split("."), n = t[t.length - 1] ?? e;
	return /^\d+$/.test(n) && t.length > 1 ? `${t[t.length - 2]}.${n}` : n;
}
function Ge(e) {
	return He(e.class_name) || L(e.representative);
}
function Ke(e) {
	return `×${e.count}`;
}
function R(e, t) {
	let n = [];
	return e > 0 && n.push(`${N(e)} params`), n.push(`${M(t)} node${t === 1 ? "" : "s"}`), n.join(" · ");
}
function qe(e) {
	switch (e.type) {
		case "module": {
			let t = Me(e.class_name);
			return {
				title: t || e.name,
				subtitle: t ? e.name : "",
				info: R(e.parameter_count, e.node_count)
			};
		}
		case "stack": return {
			title: Ge(e),
			subtitle: We(e.members),
			info: R(e.parameter_count, e.node_count * e.count),
			badge: Ke(e)
		};
		case "input":
		case "output": {
			let t = e.outputs[0];
			return {
				title: e.name,
				subtitle: t ? I(t) : e.type,
				info: ""
			};
		}
		default: {
			let t = Ve(e.op);
			return {
				title: t,
				subtitle: t === e.name ? "" : e.name,
				info: ""
			};
		}
	}
}
function Je(e) {
	return {
		title: e.output ? `${e.node}:${e.output}` : e.node,
		subtitle: Ue(e.shape),
		info: ""
	};
}
function Ye(e, t = qe(e)) {
	let n = t.badge ? F(t.badge, 10, !0) + 18 : 0, r = Math.max(F(t.title, 12, !0) + n, F(t.subtitle, 10), F(t.info, 10)), i = e.type === "module" || e.type === "stack", a = i ? Ie : Fe, o = Qe(Math.ceil(r + 24), a, Le), s = i ? 54 : e.type === "input" || e.type === "output" ? 34 : 38, c = e.type === "stack" ? 10 : 0;
	return {
		width: o + c,
		height: s + c
	};
}
function Xe(e) {
	let t = F(e.title, 10, !0) + 6 + F(e.subtitle, 10);
	return {
		width: Qe(Math.ceil(t + 16), 40, Le),
		height: 20
	};
}
function Ze(e, t) {
	return Math.ceil(F(e, 12, !0) + F(t, 10) + 36 + 24);
}
function Qe(e, t, n) {
	return Math.min(n, Math.max(t, e));
}
// src/details.ts
function $e(e, t = null) {
	let n = e.json, r = e.view;
	if (!("type" in n)) return nt(e, n);
	switch (n.type) {
		case "module":
		case "stack": return tt(n, r);
		default: return et(n, r, t);
	}
}
function et(e, t, n) {
	let r = n?.nodes.find((t) => t.name === e.name) ?? null, i = [
		["Op", e.op],
		["Kind", e.type],
		["Module", t.module.path || "(root)"],
		["Class", t.module.class_name || "(unknown)"]
	];
	return e.parameter_count && i.push(["Parameters", M(e.parameter_count)]), {
		heading: e.name,
		kind: e.type === "op" ? "Operator" : e.type === "input" ? "Graph input" : e.type === "output" ? "Graph output" : e.type,
		facts: i,
		inputs: r ? it(r, n) : rt(e.id, t),
		outputs: [...e.outputs.map((e) => z(e, null)), ...at(e.id, t)],
		attributes: r ? Object.entries(r.attrs).map(([e, t]) => [e, ot(t)]) : [],
		embedded: e.embedded.map((e) => ({
			text: e.node,
			note: `${e.kind} → input ${e.input}: ${I(e)}${e.parameter_count ? ` · ${N(e.parameter_count)} params` : ""}`,
			target: null
		})),
		differences: [],
		needsGraph: n === null
	};
}
function tt(e, t) {
	let n = [];
	return e.type === "module" ? (n.push(["Path", e.path], ["Class", e.class_name || "(unknown)"]), n.push(["Parameters", M(e.parameter_count)], ["Nodes", M(e.node_count)])) : (n.push(["Class", e.class_name || "(unknown)"], ["Members", M(e.count)]), n.push(["Representative", e.representative]), n.push(["Parameters", `${M(e.parameter_count)} in all`], ["Nodes", `${M(e.node_count)} each`])), n.push(["In module", t.module.path || "(root)"]), {
		heading: (e.type === "module" ? e.path : `${He(e.class_name)} ×${e.count}`) || "(root)",
		kind: e.type === "module" ? "Module" : "Stack of isomorphic modules",
		facts: n,
		inputs: rt(e.id, t),
		outputs: at(e.id, t),
		attributes: [],
		embedded: e.type === "stack" ? e.members.map((t, n) => ({
			text: L(t),
			note: `${t} · ${N(e.member_parameter_counts[n] ?? 0)} params`,
			target: {
				kind: "member",
				stack: e.id,
				member: t
			}
		})) : [],
		differences: e.type === "stack" ? e.differences : [],
		needsGraph: !1
	};
}
function nt(e, t) {
	let n = t.id.startsWith("in:");
	return {
		heading: t.output ? `${t.node}:${t.output}` : t.node,
		kind: n ? `Input of ${e.view.module.path || "the root"}` : `Output of ${e.view.module.path || "the root"}`,
		facts: [["Tensor", I(t)]],
		inputs: n ? [z(t, {
			kind: "node",
			name: t.node
		})] : [],
		outputs: n ? [] : [z(t, {
			kind: "node",
			name: t.node
		})],
		attributes: [],
		embedded: [],
		differences: [],
		needsGraph: !1
	};
}
function rt(e, t) {
	let n = [];
	for (let r of t.edges) if (r.target === e) {
		for (let e of r.tensors) n.push(z(e, {
			kind: "node",
			name: e.node
		}));
		r.tensor_count > r.tensors.length && n.push({
			text: `… ${r.tensor_count - r.tensors.length} more from ${r.source}`,
			note: "",
			target: {
				kind: "item",
				id: r.source
			}
		});
	}
	for (let r of t.boundary.inputs) r.targets.includes(e) && n.push({
		...z(r, {
			kind: "node",
			name: r.node
		}),
		note: `${I(r)} · from outside ${t.module.path || "the root"}`
	});
	for (let r of t.ports) r.item === e && r.direction === "in" && n.push({
		...z(r, {
			kind: "node",
			name: r.node
		}),
		note: `${I(r)} · pruned (${r.reason})`
	});
	return n;
}
function it(e, t) {
	let n = new Map(t.nodes.map((e) => [e.name, e]));
	return e.inputs.map(([e, t]) => {
		let r = n.get(e)?.outputs[t], i = n.get(e)?.kind, a = i === "parameter" || i === "buffer" || i === "constant";
		return {
			text: t ? `${e}:${t}` : e,
			note: [r ? I(r) : "", a ? i : ""].filter(Boolean).join(" · "),
			target: {
				kind: "node",
				name: e
			}
		};
	});
}
function at(e, t) {
	let n = [];
	for (let r of t.edges) r.source === e && n.push({
		text: r.target.slice(2),
		note: `${r.count} edge${r.count === 1 ? "" : "s"}`,
		target: {
			kind: "item",
			id: r.target
		}
	});
	for (let r of t.boundary.outputs) r.source === e && n.push({
		text: `leaves ${t.module.path || "the root"}`,
		note: I(r),
		target: null
	});
	for (let r of t.ports) if (r.item === e && r.direction === "out") for (let [, , e, t] of r.edges) n.push({
		text: e,
		note: `input ${t} · pruned (${r.reason})`,
		target: {
			kind: "node",
			name: e
		}
	});
	return n;
}
function z(e, t) {
	return {
		text: e.output ? `${e.node}:${e.output}` : e.node,
		note: I(e),
		target: t
	};
}
function ot(e) {
	return Array.isArray(e) ? `[${e.join(", ")}]` : String(e);
}
function st(e) {
	let t = (e) => e == null ? "(absent)" : Array.isArray(e) ? `[${e.join(", ")}]` : String(e);
	return `${e.module}: ${e.member_node} ${e.field} ${t(e.representative)} → ${t(e.member)} (representative: ${e.node})`;
}
// src/expansion.ts
function ct(e) {
	let t = e.chain[e.chain.length - 1];
	if (!t) throw Error(`opened item ${e.itemId} has no view`);
	return t;
}
async function lt(e, t) {
	return ut(e, t, "m:", "root", "", null, null);
}
async function ut(e, t, n, r, i, a, o) {
	let s = [await t(i)];
	for (let e = ft(s[0]); e; e = ft(s[s.length - 1])) s.push(await t(e.path));
	let c = s[s.length - 1], l = await Promise.all(c.children.filter((t) => E(e, t.id)).map((n) => dt(e, t, n)));
	return {
		itemId: n,
		kind: r,
		chain: s,
		stack: a,
		member: o,
		children: new Map(l.map((e) => [e.itemId, e]))
	};
}
function dt(e, t, n) {
	switch (n.type) {
		case "module": return ut(e, t, n.id, "module", n.path, null, null);
		case "stack": return e.unstacked.has(n.id) ? Promise.resolve(pt(n)) : ut(e, t, n.id, "stack", pe(e, n.id), n, pe(e, n.id));
		default: throw Error(`item ${n.id} is an operator and cannot be opened`);
	}
}
function ft(e) {
	let [t, ...n] = e.children;
	return t && !n.length && t.type === "module" && t.node_count > 0 ? t : null;
}
function pt(e) {
	let t = e.class_name.split(" | ")[0] ?? "", n = e.members.map((n, r) => ({
		id: `m:${n}`,
		type: "module",
		path: n,
		name: n.slice(Math.max(n.lastIndexOf("."), n.lastIndexOf("/")) + 1),
		class_name: t,
		parameter_count: e.member_parameter_counts[r] ?? 0,
		node_count: e.node_count
	})), r = {
		module: {
			id: e.id,
			type: "module",
			path: e.representative,
			name: e.representative,
			class_name: e.class_name,
			parameter_count: e.parameter_count,
			node_count: e.node_count * e.count,
			stack: e.id
		},
		children: n,
		edges: (e.member_edges ?? []).map((e) => ({
			...e,
			id: `e:${e.source}->${e.target}`,
			reversed: !1
		})),
		boundary: {
			inputs: [],
			outputs: []
		},
		ports: [],
		accounting: {
			drawn: 0,
			boundary: 0,
			pruned: 0,
			embedded: 0,
			collapsed: 0
		}
	};
	return {
		itemId: e.id,
		kind: "unstacked",
		chain: [r],
		stack: e,
		member: null,
		children: /* @__PURE__ */ new Map()
	};
}
// src/layout_input.ts
function B(e) {
	return `${e.node}:${e.output}`;
}
function mt(e, t, n, r = e.module.path || "the root") {
	let i = [];
	for (let t of e.boundary.inputs) i.push({
		id: t.id,
		...Xe(Je(t)),
		layer: "first"
	});
	for (let n of e.children) {
		let e = t.get(n.id);
		if (!e) {
			i.push({
				id: n.id,
				...Ye(n)
			});
			continue;
		}
		let r = [...[...e.inPorts, e.middleIn].map((e) => ({
			id: e.id,
			x: e.x,
			y: e.y,
			side: "north"
		})), ...[...e.outPorts, e.middleOut].map((e) => ({
			id: e.id,
			x: e.x,
			y: e.y,
			side: "south"
		}))];
		i.push({
			id: n.id,
			width: e.width,
			height: e.height,
			ports: r
		});
	}
	for (let t of e.boundary.outputs) i.push({
		id: t.id,
		...Xe(Je(t)),
		layer: "last"
	});
	let a = [], o = /* @__PURE__ */ new Map(), s = (e, t, n) => {
		let r = n ? `${e}#${n}` : e;
		a.push({
			id: r,
			...t
		}), o.set(r, e);
	};
	for (let n of e.edges) {
		if (n.source === n.target && t.has(n.source)) continue;
		let e = /* @__PURE__ */ new Map();
		for (let r of n.tensors) {
			let i = B(r), a = [V(t.get(n.source), i, "out"), V(t.get(n.target), i, "in")];
			e.set(a.join("\0"), a);
		}
		e.size || e.set("", [V(t.get(n.source), "", "out"), V(t.get(n.target), "", "in")]), [...e.values()].forEach(([e, t], r) => s(n.id, {
			source: n.source,
			target: n.target,
			sourcePort: e,
			targetPort: t,
			reversed: n.reversed
		}, r));
	}
	for (let n of e.boundary.inputs) for (let e of n.targets) {
		let r = V(t.get(e), B(n), "in");
		s(`${n.id}->${e}`, {
			source: n.id,
			target: e,
			targetPort: r,
			reversed: !1
		}, 0);
	}
	for (let n of e.boundary.outputs) {
		let e = V(t.get(n.source), B(n), "out");
		s(`${n.source}->${n.id}`, {
			source: n.source,
			target: n.id,
			sourcePort: e,
			reversed: !1
		}, 0);
	}
	return {
		input: {
			key: n,
			label: r,
			nodes: i,
			edges: a
		},
		edgeOf: o
	};
}
function V(e, t, n) {
	if (e) return ((n === "in" ? e.inPorts : e.outPorts).find((e) => e.tensor === t) ?? (n === "in" ? e.middleIn : e.middleOut)).id;
}
// src/layout_tree.ts
async function ht(e, t) {
	let n = await Promise.all([...e.children].map(async ([e, n]) => [e, await ht(n, t)])), r = new Map(n), i = ct(e), a = gt(e, r), { input: o, edgeOf: s } = mt(i, new Map([...r].map(([e, t]) => [e, t.frame])), a, e.member ?? (i.module.path || "the root")), c = e.kind === "unstacked" ? i.edges.length ? await t({
		...o,
		direction: "RIGHT"
	}) : xt(o) : await t(o);
	return {
		node: e,
		view: i,
		input: o,
		edgeOf: s,
		layout: c,
		frame: vt(e, i, c),
		children: r
	};
}
function gt(e, t) {
	let n = ct(e), r = [...t].map(([e, t]) => `${e}=${t.frame.width}x${t.frame.height}(${t.layout.key})`).sort().join(",");
	return `${e.kind === "unstacked" ? "row" : "view"}:${n.module.path}[${r}]`;
}
function _t(e) {
	let t = e.chain[0]?.module, n = e.stack;
	switch (e.kind) {
		case "root": return {
			title: "",
			subtitle: "",
			info: ""
		};
		case "module": return {
			title: He(t?.class_name ?? "") || t?.name || "",
			subtitle: e.chain.map((e) => e.module.name).join(" › "),
			info: t ? R(t.parameter_count, t.node_count) : ""
		};
		case "stack": {
			let t = e.chain[0].module, r = e.chain.slice(1).map((e) => e.module.name);
			return {
				title: n ? Ge(n) : "",
				badge: n ? Ke(n) : void 0,
				subtitle: [L(e.member ?? ""), ...r].join(" › "),
				info: R(t.parameter_count, t.node_count)
			};
		}
		case "unstacked": return {
			title: n ? Ge(n) : "",
			badge: n ? Ke(n) : void 0,
			subtitle: "members side by side",
			info: n ? R(n.parameter_count, n.node_count * n.count) : ""
		};
	}
}
function vt(e, t, n) {
	let r = _t(e), i = e.kind === "root", a = i ? 0 : 30, o = e.kind === "stack" || e.kind === "unstacked" ? 10 : 0, s = Math.max(n.width, i ? 0 : Ze(`${r.title} ${r.badge ?? ""}  ${r.subtitle}`, r.info)), c = a + n.height, l = Math.round((s - n.width) / 2), u = new Map(n.nodes.map((e) => [e.id, e])), d = (t, n, r) => {
		let i = u.get(t);
		return i ? {
			id: `${e.itemId}\u0001${t}`,
			tensor: n,
			x: l + i.x + i.width / 2,
			y: r
		} : null;
	}, f = t.boundary.inputs.flatMap((e) => d(e.id, B(e), 0) ?? []), p = t.boundary.outputs.flatMap((e) => d(e.id, B(e), c) ?? []);
	return {
		width: s + o,
		height: c + o,
		contentX: l,
		contentY: a,
		inPorts: f,
		outPorts: p,
		middleIn: {
			id: `${e.itemId}\u0001in`,
			tensor: "",
			x: s / 2,
			y: 0
		},
		middleOut: {
			id: `${e.itemId}\u0001out`,
			tensor: "",
			x: s / 2,
			y: c
		},
		lines: r
	};
}
var yt = 20, H = 20, bt = 12;
function xt(e) {
	let t = [], n = H, r = H, i = 0, a = 0;
	return e.nodes.forEach((e, o) => {
		o && o % bt === 0 && (n = H, r += i + yt, i = 0), t.push({
			id: e.id,
			x: n,
			y: r,
			width: e.width,
			height: e.height
		}), n += e.width + yt, a = Math.max(a, n - yt + H), i = Math.max(i, e.height);
	}), {
		key: e.key,
		width: a,
		height: r + i + H,
		nodes: t,
		edges: [],
		ms: 0
	};
}
// src/scene.ts
var St = 9, Ct = 3;
function wt(e) {
	let t = {
		items: [],
		edges: [],
		ports: [],
		marks: [],
		bounds: {
			x: 0,
			y: 0,
			width: e.layout.width,
			height: e.layout.height
		},
		byId: /* @__PURE__ */ new Map(),
		views: /* @__PURE__ */ new Map()
	};
	Tt(t, e, 0, 0, 0);
	for (let e of t.items) t.byId.set(e.id, e);
	let n = /* @__PURE__ */ new Map();
	for (let e of t.views.values()) for (let t of e.ports) n.set(t.item, [...n.get(t.item) ?? [], t]);
	for (let [e, r] of n) {
		let n = t.byId.get(e);
		n && t.ports.push(...Dt(n, r));
	}
	return t.bounds = kt(t), t;
}
function Tt(e, t, n, r, i) {
	let { view: a, layout: o, frame: s } = t, c = n + s.contentX, l = r + s.contentY;
	e.views.set(a.module.path, a);
	for (let n of t.node.chain) e.views.set(n.module.path, n);
	let u = new Map(a.children.map((e) => [e.id, e])), d = new Map([...a.boundary.inputs, ...a.boundary.outputs].map((e) => [e.id, e])), f = t.node.itemId;
	for (let n of o.nodes) {
		let r = c + n.x, o = l + n.y, s = u.get(n.id);
		if (!s) {
			let t = d.get(n.id);
			t && e.items.push(Et(t, n, r, o, i, f, a));
			continue;
		}
		let p = t.children.get(n.id), m = p ? p.frame.lines : qe(s), h = {
			id: s.id,
			type: s.type === "module" || s.type === "stack" || s.type === "input" || s.type === "output" ? s.type : "op",
			open: !!p,
			openAs: p ? p.node.kind : null,
			depth: i,
			lines: m,
			label: Re(m),
			parent: f,
			view: a,
			json: s,
			pile: s.type === "stack" ? 10 : 0,
			x: r,
			y: o,
			width: n.width,
			height: n.height,
			block: p ?? null
		};
		if (e.items.push(h), p) {
			for (let t of p.frame.inPorts) e.marks.push({
				x: r + t.x,
				y: o + t.y,
				direction: "in"
			});
			for (let t of p.frame.outPorts) e.marks.push({
				x: r + t.x,
				y: o + t.y,
				direction: "out"
			});
			Tt(e, p, r, o, i + 1);
		}
	}
	let p = new Map(a.edges.map((e) => [e.id, e])), m = new Map(t.input.edges.map((e) => [e.id, e]));
	for (let n of o.edges) {
		let r = t.edgeOf.get(n.id) ?? n.id, i = p.get(r) ?? null, a = m.get(n.id), o = n.points.map((e, t) => e + (t % 2 ? l : c));
		e.edges.push({
			id: r,
			source: a?.source ?? i?.source ?? "",
			target: a?.target ?? i?.target ?? "",
			reversed: i?.reversed ?? !1,
			points: o,
			bounds: Ot(o),
			parent: f,
			json: i
		});
	}
}
function Et(e, t, n, r, i, a, o) {
	let s = Je(e);
	return {
		id: `${a}/${e.id}`,
		type: "boundary",
		open: !1,
		openAs: null,
		depth: i,
		lines: s,
		label: `${s.title} ${s.subtitle}`,
		parent: a,
		view: o,
		json: e,
		pile: 0,
		x: n,
		y: r,
		width: t.width,
		height: t.height,
		block: null
	};
}
function Dt(e, t) {
	let n = [], r = e.x + e.width - e.pile - 12;
	for (let i of ["in", "out"]) {
		let a = r, o = i === "in" ? e.y : e.y + e.height - e.pile, s = i === "in" ? o - St : o + St;
		for (let r of t.filter((e) => e.direction === i)) {
			let t = i === "out" && r.edges.length > 1 ? `${r.label} ×${r.edges.length}` : r.label, c = F(t, 9);
			a -= c + Ct + 4;
			let l = Math.max(e.x + 6, a);
			n.push({
				id: r.id,
				item: e.id,
				direction: i,
				x: l,
				y: s,
				anchorY: o,
				text: t,
				hit: {
					x: l - 6,
					y: s - 7,
					width: c + 16,
					height: 14
				},
				json: r
			}), a -= 10;
		}
	}
	return n;
}
function Ot(e) {
	let t = Infinity, n = Infinity, r = -Infinity, i = -Infinity;
	for (let a = 0; a + 1 < e.length; a += 2) {
		let o = e[a], s = e[a + 1];
		o < t && (t = o), o > r && (r = o), s < n && (n = s), s > i && (i = s);
	}
	return t > r ? {
		x: 0,
		y: 0,
		width: 0,
		height: 0
	} : {
		x: t,
		y: n,
		width: r - t,
		height: i - n
	};
}
function kt(e) {
	let t = e.bounds.x, n = e.bounds.y, r = e.bounds.x + e.bounds.width, i = e.bounds.y + e.bounds.height;
	for (let a of [...e.items, ...e.ports.map((e) => e.hit)]) t = Math.min(t, a.x), n = Math.min(n, a.y), r = Math.max(r, a.x + a.width), i = Math.max(i, a.y + a.height);
	return {
		x: t,
		y: n,
		width: r - t,
		height: i - n
	};
}
// src/session.ts
var At = class {
	key;
	api;
	layout;
	listener;
	state;
	scene = null;
	layoutMs = 0;
	views = /* @__PURE__ */ new Map();
	graphJson = null;
	loadedGraph = null;
	wanted = null;
	running = null;
	closedFlag = !1;
	constructor(e, t, n, r, i = oe) {
		this.key = e, this.api = t, this.layout = n, this.listener = r, this.state = i;
	}
	show(e, t = null) {
		return this.wanted = {
			state: e,
			focus: t
		}, this.running ||= this.drain().finally(() => this.running = null), this.running;
	}
	select(e) {
		this.state = {
			...this.state,
			selection: e
		};
	}
	get busy() {
		return this.running !== null;
	}
	async settled() {
		for (; this.running;) await this.running;
	}
	close() {
		this.closedFlag = !0;
	}
	view(e) {
		let t = this.views.get(e);
		return t || (t = this.api.view(this.key, e), this.views.set(e, t), t.catch(() => this.views.delete(e))), t;
	}
	graph() {
		return this.graphJson || (this.graphJson = this.api.graph(this.key), this.graphJson.then((e) => this.loadedGraph = e, () => this.graphJson = null)), this.graphJson;
	}
	search(e) {
		return this.api.search(this.key, e);
	}
	async reveal(e) {
		let t = await this.api.locate(this.key, e);
		return await this.revealSteps(t), t;
	}
	revealSteps(e) {
		let t = me(this.state, e.reveal);
		return this.show(t, t.selection);
	}
	async drain() {
		for (; this.wanted && !this.closedFlag;) {
			let { state: e, focus: t } = this.wanted;
			this.wanted = null;
			try {
				let n = await lt(e, (e) => this.view(e)), r = performance.now(), i = await ht(n, this.layout);
				if (this.layoutMs = performance.now() - r, this.closedFlag || this.wanted) continue;
				this.scene = wt(i), this.state = e, this.listener.scene(this.scene, e, t);
			} catch (e) {
				if (this.closedFlag) return;
				this.listener.error(e instanceof Error ? e.message : String(e));
			}
		}
	}
};
// src/view/breadcrumbs.ts
function jt(e, t, n) {
	let r = [], i = t ? e.byId.get(t) : void 0;
	for (; i;) r.unshift({
		id: i.id,
		label: Mt(i)
	}), i = e.byId.get(i.parent);
	return r.unshift({
		id: "m:",
		label: n || "graph"
	}), r;
}
function Mt(e) {
	return (e.type === "module" || e.type === "stack") && e.lines.badge ? `${e.lines.title} ${e.lines.badge}${e.open ? ` (${e.lines.subtitle})` : ""}` : e.lines.subtitle || e.lines.title;
}
function Nt(e) {
	let t = A("nav", {
		class: "gf-breadcrumbs",
		"data-testid": "breadcrumbs",
		"aria-label": "Module path"
	}), n = "";
	return {
		element: t,
		show(r) {
			let i = r.map((e) => `${e.id}\u0000${e.label}`).join("");
			if (i === n) return;
			n = i;
			let a = [];
			r.forEach((t, n) => {
				n && a.push(A("span", {
					class: "gf-crumb-sep",
					"aria-hidden": "true"
				}, "›"));
				let r = A("button", {
					type: "button",
					class: "gf-crumb",
					title: t.id === "m:" ? "Show the whole graph" : t.id.slice(2)
				}, t.label);
				r.addEventListener("click", () => e(t.id)), a.push(r);
			}), j(t, ...a);
		}
	};
}
// src/view/camera.ts
var Pt = .002;
function Ft(e) {
	return Math.min(4, Math.max(Pt, e));
}
function It(e, t, n, r) {
	let i = Ft(e.scale * t), a = i / e.scale;
	return {
		scale: i,
		x: n - (n - e.x) * a,
		y: r - (r - e.y) * a
	};
}
function U(e, t, n) {
	return {
		...e,
		x: e.x + t,
		y: e.y + n
	};
}
function Lt(e, t, n, r = 24, i = 1) {
	let a = Math.max(1, t - 2 * r), o = Math.max(1, n - 2 * r), s = Ft(Math.min(i, a / Math.max(1, e.width), o / Math.max(1, e.height)));
	return {
		scale: s,
		x: t / 2 - (e.x + e.width / 2) * s,
		y: n / 2 - (e.y + e.height / 2) * s
	};
}
function Rt(e, t, n) {
	return {
		x: -e.x / e.scale,
		y: -e.y / e.scale,
		width: t / e.scale,
		height: n / e.scale
	};
}
function W(e, t) {
	return {
		x: t.x * e.scale + e.x,
		y: t.y * e.scale + e.y,
		width: t.width * e.scale,
		height: t.height * e.scale
	};
}
function zt(e, t, n) {
	return {
		x: (t - e.x) / e.scale,
		y: (n - e.y) / e.scale
	};
}
function Bt(e, t) {
	return e.x <= t.x + t.width && t.x <= e.x + e.width && e.y <= t.y + t.height && t.y <= e.y + e.height;
}
function Vt(e, t, n) {
	return t >= e.x && t <= e.x + e.width && n >= e.y && n <= e.y + e.height;
}
// src/view/debug_api.ts
function Ht(e, t) {
	if (!e) return [];
	let n = [];
	for (let r of e.items) {
		if (r.type === "boundary") continue;
		let e = W(t, r);
		n.push({
			id: r.id,
			type: r.type,
			label: r.label,
			open: r.open,
			x: e.x,
			y: e.y,
			width: e.width,
			height: e.height
		});
	}
	for (let r of e.ports) {
		let e = W(t, r.hit);
		n.push({
			id: r.id,
			type: "port",
			label: r.text,
			open: !1,
			x: e.x,
			y: e.y,
			width: e.width,
			height: e.height
		});
	}
	return n;
}
function Ut(e, t) {
	if (!e) return [];
	let n = /* @__PURE__ */ new Map();
	for (let t of e.edges) n.has(t.id) || n.set(t.id, {
		id: t.id,
		reversed: t.reversed,
		highlighted: !1
	});
	for (let e of t) n.set(e.id, {
		id: e.id,
		reversed: !1,
		highlighted: !0
	});
	return [...n.values()];
}
function Wt(e) {
	return e ? e.items.filter((e) => e.type !== "boundary").length + new Set(e.edges.map((e) => e.id)).size + e.ports.length : 0;
}
// src/view/details_panel.ts
function Gt(e) {
	let t = A("section", {
		class: "gf-details",
		"data-testid": "details-panel",
		"aria-label": "Details"
	});
	function n(t, n) {
		return n.length ? A("section", {}, A("h3", {}, t), A("ul", { class: "gf-links" }, ...n.map((t) => {
			let n = t.target;
			return A("li", {}, n ? Kt(t.text, () => e(n)) : A("span", { class: "gf-link-text" }, t.text), t.note ? A("span", { class: "gf-note" }, t.note) : null);
		}))) : null;
	}
	function r(e) {
		e ? j(t, A("p", { class: "gf-kind" }, e.kind), A("h2", { class: "gf-path" }, e.heading), A("dl", { class: "gf-facts" }, ...e.facts.flatMap(([e, t]) => [A("dt", {}, e), A("dd", {}, t)])), n("Inputs", e.inputs), n("Outputs", e.outputs), e.attributes.length ? A("section", {}, A("h3", {}, "Attributes"), A("dl", { class: "gf-facts gf-attrs" }, ...e.attributes.flatMap(([e, t]) => [A("dt", {}, e), A("dd", {}, t)]))) : e.needsGraph ? A("p", { class: "gf-muted" }, "Loading attributes…") : null, n(e.differences.length || e.kind.startsWith("Stack") ? "Members" : "Embedded parameters and constants", e.embedded), e.differences.length ? A("section", {}, A("h3", {}, `Differences between members (${e.differences.length})`), A("ul", { class: "gf-diffs" }, ...e.differences.map((e) => A("li", {}, st(e))))) : null) : j(t, A("p", { class: "gf-muted" }, "Select an item to see its details. Double-click a module or stack to open it."));
	}
	return r(null), {
		element: t,
		show: r
	};
}
function Kt(e, t) {
	let n = A("button", {
		type: "button",
		class: "gf-link",
		"data-testid": "details-link",
		title: e
	}, e);
	return n.addEventListener("click", t), n;
}
// src/view/culling.ts
function qt(e) {
	return {
		titles: 12 * e >= 5,
		subtitles: 10 * e >= 6,
		shapes: e >= .2,
		arrows: e >= .15,
		stubs: e >= .3
	};
}
function Jt(e, t) {
	return e.width * t < 6 || e.height * t < 3;
}
function Yt(e, t, n, r) {
	let i = Rt(t, n, r), a = 12 / t.scale, o = {
		x: i.x - a,
		y: i.y - a,
		width: i.width + 2 * a,
		height: i.height + 2 * a
	}, s = qt(t.scale);
	return {
		items: e.items.filter((e) => Bt(e, o)),
		edges: e.edges.filter((e) => Bt(e.bounds, o)),
		ports: s.stubs ? e.ports.filter((e) => Bt(e.hit, o)) : []
	};
}
// src/view/renderer.ts
var Xt = {
	selection: null,
	hover: null,
	ports: /* @__PURE__ */ new Set(),
	items: /* @__PURE__ */ new Set(),
	ghosts: []
}, Zt = `600 12px ${P}`, Qt = `10px ${P}`, $t = `700 10px ${P}`, en = `9px ${P}`, tn = 6;
function nn(e, t) {
	let { scene: n, camera: r, width: i, height: a, dpr: o, palette: s, emphasis: c } = t;
	e.setTransform(o, 0, 0, o, 0, 0), e.fillStyle = s.background, e.fillRect(0, 0, i, a), e.setTransform(o * r.scale, 0, 0, o * r.scale, o * r.x, o * r.y);
	let l = qt(r.scale), u = Yt(n, r, i, a), d = 1 / r.scale, f = u.items.filter((e) => e.open), p = u.items.filter((e) => !e.open);
	for (let t of f) rn(e, t, s, l, d);
	if (sn(e, u.edges, s, l, d, c), cn(e, p, s, l, r.scale, d), ln(e, n, s, l, d), un(e, u.items, s, d, c), l.stubs && dn(e, u.ports, s, d, c), l.titles) for (let t of p) Jt(t, r.scale) || fn(e, t, s, l);
	return pn(e, c.ghosts, s, d), {
		drawnNodes: u.items.length,
		drawnEdges: u.edges.length,
		drawnPorts: u.ports.length
	};
}
function rn(e, t, n, r, i) {
	let a = t.width - t.pile, o = t.height - t.pile, s = t.pile > 0;
	if (e.lineWidth = Math.max(1, i), s && r.shapes) for (let r = 2; r >= 1; r--) {
		let i = new Path2D();
		K(i, t.x + r * 5, t.y + r * 5, a, o, 8), e.fillStyle = n.stackFill, e.fill(i), e.strokeStyle = n.stackStroke, e.stroke(i);
	}
	let c = new Path2D();
	K(c, t.x, t.y, a, o, r.shapes ? 8 : 0), e.fillStyle = n.background, e.fill(c), e.fillStyle = n.frameFills[t.depth % n.frameFills.length], e.fill(c);
	let l = new Path2D();
	K(l, t.x, t.y, a, Math.min(30, o), r.shapes ? [
		8,
		8,
		0,
		0
	] : 0), e.fillStyle = s ? n.stackFill : n.frameHeader, e.fill(l), e.strokeStyle = s ? n.stackStroke : n.frameStroke, e.stroke(c), r.titles && an(e, t, a, n, r);
}
function an(e, t, n, r, i) {
	let a = t.y + 15 + 4, o = t.x + 12, s = t.x + n - 12, { lines: c } = t;
	e.textAlign = "left", e.font = Zt, e.fillStyle = r.text;
	let l = G(e, c.title, Math.max(0, s - o));
	if (e.fillText(l, o, a), o += e.measureText(l).width + 8, c.badge && (o += on(e, c.badge, o, a - 4, r) + 8), !i.subtitles) return;
	e.font = Qt, e.fillStyle = r.muted;
	let u = c.info ? e.measureText(c.info).width : 0;
	c.info && o + u < s && (e.textAlign = "right", e.fillText(c.info, s, a), e.textAlign = "left");
	let d = s - o - (u ? u + 12 : 0);
	d > 20 && e.fillText(G(e, c.subtitle, d), o, a);
}
function on(e, t, n, r, i) {
	e.font = $t;
	let a = e.measureText(t).width + 10, o = new Path2D();
	return K(o, n, r - 8, a, 16, 8), e.fillStyle = i.badgeFill, e.fill(o), e.fillStyle = i.badgeText, e.textAlign = "center", e.fillText(t, n + a / 2, r + 3.5), e.textAlign = "left", a;
}
function sn(e, t, n, r, i, a) {
	let o = {
		normal: new Path2D(),
		back: new Path2D(),
		lit: new Path2D(),
		litBack: new Path2D()
	}, s = {
		normal: new Path2D(),
		back: new Path2D(),
		lit: new Path2D(),
		litBack: new Path2D()
	}, c = a.selection, l = r.shapes ? 5 : 0;
	for (let e of t) {
		let t = c !== null && (e.source === c || e.target === c) ? e.reversed ? "litBack" : "lit" : e.reversed ? "back" : "normal";
		gn(o[t], e.points, l), r.arrows && _n(s[t], e.points, 7);
	}
	e.lineWidth = Math.max(1.25, .8 * i), e.lineJoin = "round", e.strokeStyle = n.edge, e.stroke(o.normal), e.fillStyle = n.edge, e.fill(s.normal), e.strokeStyle = n.backEdge, e.fillStyle = n.backEdge, e.setLineDash([6, 4]), e.stroke(o.back), e.setLineDash([]), e.fill(s.back), e.lineWidth = Math.max(2, 1.5 * i), e.strokeStyle = n.selection, e.fillStyle = n.selection, e.stroke(o.lit), e.fill(s.lit), e.setLineDash([6, 4]), e.stroke(o.litBack), e.setLineDash([]), e.fill(s.litBack);
}
function cn(e, t, n, r, i, a) {
	let o = [
		"op",
		"io",
		"module",
		"stack",
		"boundary"
	], s = Object.fromEntries(o.map((e) => [e, new Path2D()])), c = new Path2D(), l = Object.fromEntries(o.map((e) => [e, new Path2D()]));
	for (let e of t) {
		let t = e.type === "input" || e.type === "output" ? "io" : e.type, n = e.width - e.pile, a = e.height - e.pile;
		if (Jt(e, i) || !r.shapes) {
			l[t].rect(e.x, e.y, n, a);
			continue;
		}
		for (let t = 2; t >= 1 && e.pile; t--) K(c, e.x + t * 5, e.y + t * 5, n, a, tn);
		let o = t === "io" || t === "boundary" ? a / 2 : tn;
		K(s[t], e.x, e.y, n, a, o);
	}
	let u = {
		op: [n.opFill, n.opStroke],
		io: [n.ioFill, n.ioStroke],
		module: [n.moduleFill, n.moduleStroke],
		stack: [n.stackFill, n.stackStroke],
		boundary: [n.boundaryFill, n.boundaryStroke]
	};
	e.lineWidth = Math.max(1, a), e.fillStyle = n.stackFill, e.strokeStyle = n.stackStroke, e.fill(c), e.stroke(c);
	for (let t of o) {
		let [n, r] = u[t];
		e.fillStyle = n, e.strokeStyle = r, e.fill(s[t]), e.stroke(s[t]), e.fillStyle = r, e.fill(l[t]);
	}
}
function ln(e, t, n, r, i) {
	if (!r.arrows || !t.marks.length) return;
	let a = new Path2D(), o = Math.max(3, 2 * i);
	for (let e of t.marks) a.moveTo(e.x + o, e.y), a.arc(e.x, e.y, o, 0, 2 * Math.PI);
	e.fillStyle = n.frameStroke, e.fill(a);
}
function un(e, t, n, r, i) {
	for (let a of t) {
		let t = a.id === i.selection, o = i.items.has(a.id), s = a.id === i.hover;
		if (!t && !o && !s) continue;
		let c = new Path2D(), l = a.type === "input" || a.type === "output" || a.type === "boundary" ? (a.height - a.pile) / 2 : tn;
		K(c, a.x - 2 * r, a.y - 2 * r, a.width - a.pile + 4 * r, a.height - a.pile + 4 * r, l), e.lineWidth = t || o ? 2.5 * r : 1.5 * r, e.strokeStyle = t ? n.selection : o ? n.highlight : n.muted, e.stroke(c);
	}
}
function dn(e, t, n, r, i) {
	let a = new Path2D(), o = new Path2D();
	for (let e of t) {
		a.moveTo(e.x, e.anchorY), a.lineTo(e.x, e.y);
		let t = i.ports.has(e.id) ? 4.5 : 3;
		o.moveTo(e.x + t, e.y), o.arc(e.x, e.y, t, 0, 2 * Math.PI);
	}
	e.lineWidth = Math.max(1.25, r), e.strokeStyle = n.stub, e.fillStyle = n.stub, e.stroke(a), e.fill(o), e.font = en, e.textAlign = "left";
	for (let r of t) e.fillStyle = i.ports.has(r.id) ? n.highlight : n.stub, e.fillText(r.text, r.x + 6, r.y + 3);
}
function fn(e, t, n, r) {
	let i = t.width - t.pile, a = t.height - t.pile, o = t.x + i / 2, s = hn(e, t, i - 16);
	if (e.textAlign = "center", t.type === "boundary") {
		e.font = Qt, e.fillStyle = n.muted, e.fillText(s.title + (r.subtitles && s.subtitle ? `  ${s.subtitle}` : ""), o, t.y + a / 2 + 3.5);
		return;
	}
	let c = r.subtitles ? [s.subtitle, s.info].filter(Boolean) : [], l = t.y + a / 2 - c.length * 14 / 2 + 4;
	if (e.font = Zt, e.fillStyle = n.text, t.lines.badge) {
		let r = e.measureText(s.title).width;
		e.font = $t;
		let i = e.measureText(t.lines.badge).width + 10, a = o - (r + 6 + i) / 2;
		e.font = Zt, e.textAlign = "left", e.fillText(s.title, a, l), on(e, t.lines.badge, a + r + 6, l - 4, n), e.textAlign = "center";
	} else e.fillText(s.title, o, l);
	e.font = Qt, e.fillStyle = n.muted;
	for (let t of c) l += 14, e.fillText(t, o, l);
}
function pn(e, t, n, r) {
	if (!t.length) return;
	let i = new Path2D();
	for (let { from: e, to: n } of t) {
		i.moveTo(e.x, e.y);
		let t = Math.max(40, Math.abs(n.y - e.y) / 3);
		i.bezierCurveTo(e.x + t, e.y, n.x + t, n.y, n.x, n.y);
	}
	e.setLineDash([4 * r, 3 * r]), e.lineWidth = 2 * r, e.strokeStyle = n.highlight, e.stroke(i), e.setLineDash([]);
}
var mn = /* @__PURE__ */ new WeakMap();
function hn(e, t, n) {
	let r = mn.get(t);
	if (r && r.width === n) return r;
	let i = t.lines.badge ? t.lines.badge.length * 7 + 22 : 0;
	e.font = Zt;
	let a = G(e, t.lines.title, n - i);
	e.font = Qt;
	let o = {
		width: n,
		title: a,
		subtitle: G(e, t.lines.subtitle, n),
		info: G(e, t.lines.info, n)
	};
	return mn.set(t, o), o;
}
function G(e, t, n) {
	if (!t || e.measureText(t).width <= n) return t;
	let r = 0, i = t.length;
	for (; r < i;) {
		let a = Math.ceil((r + i) / 2);
		e.measureText(`${t.slice(0, a)}…`).width <= n ? r = a : i = a - 1;
	}
	return r ? `${t.slice(0, r)}…` : "";
}
function K(e, t, n, r, i, a) {
	typeof e.roundRect == "function" ? e.roundRect(t, n, r, i, a) : e.rect(t, n, r, i);
}
function gn(e, t, n) {
	let r = t.length / 2;
	if (!(r < 2)) {
		e.moveTo(t[0], t[1]);
		for (let i = 1; i < r - 1; i++) {
			let r = t[2 * i], a = t[2 * i + 1];
			n > 0 ? e.arcTo(r, a, t[2 * i + 2], t[2 * i + 3], n) : e.lineTo(r, a);
		}
		e.lineTo(t[2 * r - 2], t[2 * r - 1]);
	}
}
function _n(e, t, n) {
	let r = t.length;
	if (r < 4) return;
	let i = t[r - 2], a = t[r - 1], o = i - t[r - 4], s = a - t[r - 3], c = Math.hypot(o, s) || 1, l = o / c, u = s / c;
	e.moveTo(i, a), e.lineTo(i - l * n - u * n * .45, a - u * n + l * n * .45), e.lineTo(i - l * n + u * n * .45, a - u * n - l * n * .45), e.closePath();
}
// src/view/export.ts
var vn = "http://www.w3.org/2000/svg", q = 20;
function yn(e, t, n = document) {
	let r = e.bounds, i = Math.ceil(r.width + 40), a = Math.ceil(r.height + 40), o = Y(n, "svg", {
		xmlns: vn,
		width: i,
		height: a,
		viewBox: `${r.x - q} ${r.y - q} ${i} ${a}`
	});
	o.setAttribute("font-family", P);
	let s = Y(n, "defs", {});
	for (let [e, r] of [["gf-arrow", t.edge], ["gf-arrow-back", t.backEdge]]) {
		let t = Y(n, "marker", {
			id: e,
			viewBox: "0 0 10 10",
			refX: 9,
			refY: 5,
			markerWidth: 7,
			markerHeight: 7,
			orient: "auto-start-reverse",
			markerUnits: "userSpaceOnUse"
		});
		t.append(Y(n, "path", {
			d: "M0,0 L10,5 L0,10 z",
			fill: r
		})), s.append(t);
	}
	o.append(s), o.append(Y(n, "rect", {
		x: r.x - q,
		y: r.y - q,
		width: i,
		height: a,
		fill: t.background
	}));
	for (let r of e.items) r.open && o.append(xn(n, r, t));
	let c = Y(n, "g", {
		fill: "none",
		"stroke-width": 1.25
	});
	for (let r of e.edges) {
		let e = r.points.reduce((e, t, n) => e + (n % 2 ? `,${X(t)}` : `${n ? " L" : "M"}${X(t)}`), "");
		c.append(Y(n, "path", {
			d: e,
			stroke: r.reversed ? t.backEdge : t.edge,
			"stroke-dasharray": r.reversed ? "6 4" : null,
			"marker-end": `url(#${r.reversed ? "gf-arrow-back" : "gf-arrow"})`
		}));
	}
	o.append(c);
	for (let r of e.items) r.open || o.append(Sn(n, r, t));
	for (let r of e.ports) {
		let e = Y(n, "g", {
			fill: t.stub,
			stroke: t.stub
		});
		e.append(Y(n, "line", {
			x1: r.x,
			y1: r.anchorY,
			x2: r.x,
			y2: r.y,
			"stroke-width": 1.25
		})), e.append(Y(n, "circle", {
			cx: r.x,
			cy: r.y,
			r: 3,
			stroke: "none"
		})), e.append(J(n, r.text, r.x + 6, r.y + 3, 9, { stroke: "none" })), o.append(e);
	}
	return o;
}
function bn(e) {
	return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(e)}`;
}
function xn(e, t, n) {
	let r = Y(e, "g", {}), i = t.width - t.pile, a = t.height - t.pile, o = t.pile > 0;
	for (let s = 2; s >= 1 && o; s--) r.append(Y(e, "rect", {
		x: t.x + s * 5,
		y: t.y + s * 5,
		width: i,
		height: a,
		rx: 8,
		fill: n.stackFill,
		stroke: n.stackStroke
	}));
	r.append(Y(e, "rect", {
		x: t.x,
		y: t.y,
		width: i,
		height: a,
		rx: 8,
		fill: n.background
	})), r.append(Y(e, "rect", {
		x: t.x,
		y: t.y,
		width: i,
		height: a,
		rx: 8,
		fill: n.frameFills[t.depth % n.frameFills.length],
		stroke: o ? n.stackStroke : n.frameStroke
	})), r.append(Y(e, "rect", {
		x: t.x + .5,
		y: t.y + .5,
		width: i - 1,
		height: 30,
		rx: 8,
		fill: o ? n.stackFill : n.frameHeader
	}));
	let s = [
		t.lines.title,
		t.lines.badge,
		t.lines.subtitle
	].filter(Boolean).join("  ");
	return r.append(J(e, Cn(s, i - 24, 12), t.x + 12, t.y + 15 + 4, 12, {
		fill: n.text,
		"font-weight": 600
	})), r;
}
function Sn(e, t, n) {
	let r = Y(e, "g", {}), i = t.width - t.pile, a = t.height - t.pile, [o, s] = t.type === "module" ? [n.moduleFill, n.moduleStroke] : t.type === "stack" ? [n.stackFill, n.stackStroke] : t.type === "input" || t.type === "output" ? [n.ioFill, n.ioStroke] : t.type === "boundary" ? [n.boundaryFill, n.boundaryStroke] : [n.opFill, n.opStroke], c = t.type === "input" || t.type === "output" || t.type === "boundary" ? a / 2 : 6;
	for (let n = 2; n >= 1 && t.pile; n--) r.append(Y(e, "rect", {
		x: t.x + n * 5,
		y: t.y + n * 5,
		width: i,
		height: a,
		rx: c,
		fill: o,
		stroke: s
	}));
	r.append(Y(e, "rect", {
		x: t.x,
		y: t.y,
		width: i,
		height: a,
		rx: c,
		fill: o,
		stroke: s
	}));
	let l = t.x + i / 2;
	if (t.type === "boundary") return r.append(J(e, Cn(`${t.lines.title}  ${t.lines.subtitle}`, i - 12, 10), l, t.y + a / 2 + 3.5, 10, {
		fill: n.muted,
		"text-anchor": "middle"
	})), r;
	let u = [t.lines.subtitle, t.lines.info].filter(Boolean), d = t.y + a / 2 - u.length * 14 / 2 + 4, f = t.lines.badge ? `${t.lines.title} ${t.lines.badge}` : t.lines.title;
	r.append(J(e, Cn(f, i - 16, 12), l, d, 12, {
		fill: n.text,
		"font-weight": 600,
		"text-anchor": "middle"
	}));
	for (let t of u) d += 14, r.append(J(e, Cn(t, i - 16, 10), l, d, 10, {
		fill: n.muted,
		"text-anchor": "middle"
	}));
	return r;
}
function J(e, t, n, r, i, a) {
	let o = Y(e, "text", {
		x: X(n),
		y: X(r),
		"font-size": i,
		...a
	});
	return o.textContent = t, o;
}
function Y(e, t, n) {
	let r = e.createElementNS(vn, t);
	for (let [e, t] of Object.entries(n)) t !== null && e !== "xmlns" && r.setAttribute(e, typeof t == "number" ? String(X(t)) : t);
	return r;
}
function Cn(e, t, n) {
	if (F(e, n) <= t) return e;
	let r = e.length;
	for (; r > 0 && F(`${e.slice(0, r)}…`, n) > t;) r--;
	return r ? `${e.slice(0, r)}…` : "";
}
function X(e) {
	return Math.round(e * 100) / 100;
}
function wn(e, t) {
	let n = e.bounds, r = n.width + 40, i = n.height + 40, a = Math.min(2, 16e3 / r, 16e3 / i, Math.sqrt(12e7 / (r * i))), o = document.createElement("canvas");
	o.width = Math.max(1, Math.ceil(r * a)), o.height = Math.max(1, Math.ceil(i * a));
	let s = o.getContext("2d");
	if (!s) throw Error("this browser cannot paint a canvas for the PNG export");
	return nn(s, {
		scene: e,
		camera: {
			scale: 1,
			x: q - n.x,
			y: q - n.y
		},
		width: r,
		height: i,
		dpr: a,
		palette: t,
		emphasis: Xt
	}), o;
}
function Tn(e, t) {
	let n = URL.createObjectURL(e), r = document.createElement("a");
	r.href = n, r.download = t, r.hidden = !0, document.body.append(r), r.click(), r.remove(), setTimeout(() => URL.revokeObjectURL(n), 1e4);
}
function En(e, t) {
	return `${e.map((e) => e.replace(/[^\w.-]+/g, "_").replace(/^[_.]+|_+$/g, "")).filter(Boolean).join("-").slice(0, 80) || "graph"}.${t}`;
}
// src/view/hit_test.ts
function Dn(e, t, n, r = !0) {
	if (r) for (let r = e.ports.length - 1; r >= 0; r--) {
		let i = e.ports[r];
		if (Vt(i.hit, t, n)) return {
			kind: "port",
			port: i
		};
	}
	let i = On(e, t, n);
	return i ? {
		kind: "item",
		item: i
	} : null;
}
function On(e, t, n) {
	for (let r = e.items.length - 1; r >= 0; r--) {
		let i = e.items[r];
		if (Vt(i, t, n)) return i;
	}
	return null;
}
// src/view/stub_highlight.ts
function kn(e, t) {
	let { node: n, output: r } = t.json, i = e.ports.filter((e) => e.json.node === n && e.json.output === r), a = new Set(i.map((e) => e.id)), o = [], s = i.filter((e) => e.direction !== t.direction);
	for (let e of s) {
		let [n, r] = t.direction === "out" ? [t, e] : [e, t];
		o.push({
			id: `g:${n.id}->${r.id}`,
			from: {
				x: n.x,
				y: n.y
			},
			to: {
				x: r.x,
				y: r.y
			}
		});
	}
	let c = /* @__PURE__ */ new Set(), l = new Set(i.map((e) => e.item));
	for (let n of An(e, t)) {
		if (c.add(n.id), l.has(n.id) || n.id === t.item) continue;
		let e = t.direction === "out" ? n.y : n.y + n.height - n.pile, r = {
			x: n.x + (n.width - n.pile) / 2,
			y: e
		};
		o.push(t.direction === "out" ? {
			id: `g:${t.id}->${n.id}`,
			from: {
				x: t.x,
				y: t.y
			},
			to: r
		} : {
			id: `g:${n.id}->${t.id}`,
			from: r,
			to: {
				x: t.x,
				y: t.y
			}
		});
	}
	return {
		ports: a,
		items: c,
		ghosts: o
	};
}
function An(e, t) {
	let n = t.direction === "in" ? [t.json.node] : t.json.edges.map((e) => e[2]), r = /* @__PURE__ */ new Map(), i = [];
	for (let t of new Set(n)) {
		let n = e.byId.get(`n:${t}`);
		n ? r.set(n.id, n) : i.push(t);
	}
	if (i.length) for (let n of t.json.peers) {
		let i = jn(e, n);
		i && i.id !== t.item && r.set(i.id, i);
	}
	return [...r.values()];
}
function jn(e, t) {
	let n = null;
	for (let r of e.items) {
		let e = r.json;
		("type" in e && e.type === "module" ? [e.path] : "type" in e && e.type === "stack" ? e.members : []).some((e) => e === t || k(t, e)) && (!n || r.depth >= n.depth) && (n = r);
	}
	return n;
}
// src/view/theme.ts
var Mn = {
	dark: !1,
	background: "#ffffff",
	grid: "#f1f3f4",
	text: "#202124",
	muted: "#5f6368",
	opFill: "#ffffff",
	opStroke: "#b6bbc2",
	ioFill: "#e6f4ea",
	ioStroke: "#81c995",
	moduleFill: "#e8f0fe",
	moduleStroke: "#8fb0e8",
	stackFill: "#fef3d6",
	stackStroke: "#d7a93a",
	boundaryFill: "#f1f3f4",
	boundaryStroke: "#b6bbc2",
	frameFills: [
		"rgba(232, 240, 254, 0.45)",
		"rgba(230, 244, 234, 0.45)",
		"rgba(252, 232, 230, 0.35)",
		"rgba(243, 232, 253, 0.45)"
	],
	frameHeader: "rgba(26, 115, 232, 0.10)",
	frameStroke: "#8fb0e8",
	edge: "#8c9197",
	backEdge: "#d93025",
	highlight: "#e8710a",
	selection: "#1a73e8",
	stub: "#e8710a",
	badgeFill: "#b06000",
	badgeText: "#ffffff"
}, Nn = {
	dark: !0,
	background: "#202124",
	grid: "#2a2b2e",
	text: "#e8eaed",
	muted: "#9aa0a6",
	opFill: "#2d2e31",
	opStroke: "#5f6368",
	ioFill: "#1e3a2a",
	ioStroke: "#5bb974",
	moduleFill: "#1f2d45",
	moduleStroke: "#5d83c4",
	stackFill: "#3b311b",
	stackStroke: "#c69026",
	boundaryFill: "#303134",
	boundaryStroke: "#5f6368",
	frameFills: [
		"rgba(138, 180, 248, 0.07)",
		"rgba(129, 201, 149, 0.07)",
		"rgba(242, 139, 130, 0.07)",
		"rgba(197, 138, 249, 0.07)"
	],
	frameHeader: "rgba(138, 180, 248, 0.16)",
	frameStroke: "#5d83c4",
	edge: "#80868b",
	backEdge: "#f28b82",
	highlight: "#fcad70",
	selection: "#8ab4f8",
	stub: "#fcad70",
	badgeFill: "#fcad70",
	badgeText: "#202124"
};
function Pn(e = window) {
	try {
		return e.parent === e ? null : e.parent.document.body.classList.contains("dark-mode");
	} catch {
		return null;
	}
}
function Fn(e = window) {
	return typeof e.matchMedia == "function" && e.matchMedia("(prefers-color-scheme: dark)").matches;
}
function In(e, t = window) {
	let n = () => e(Pn(t) ?? Fn(t) ? Nn : Mn);
	n();
	let r = [];
	if (typeof t.matchMedia == "function") {
		let e = t.matchMedia("(prefers-color-scheme: dark)");
		e.addEventListener?.("change", n), r.push(() => e.removeEventListener?.("change", n));
	}
	try {
		if (t.parent !== t && typeof MutationObserver < "u") {
			let e = new MutationObserver(n);
			e.observe(t.parent.document.body, {
				attributes: !0,
				attributeFilter: ["class"]
			}), r.push(() => e.disconnect());
		}
	} catch {}
	return () => r.forEach((e) => e());
}
// src/view/graph_canvas.ts
var Ln = 4;
function Rn(e) {
	let t = A("canvas", {
		class: "gf-canvas",
		"data-testid": "graph-canvas",
		tabindex: 0,
		"aria-label": "Model graph"
	}), n = Bn(t), r = null, i = {
		scale: 1,
		x: 0,
		y: 0
	}, a = {
		width: 0,
		height: 0
	}, o = Mn, s = null, c = null, l = Xt, u = {
		drawnNodes: 0,
		drawnEdges: 0,
		drawnPorts: 0
	}, d = 0, f = !1, p = [];
	function m() {
		if (f) return;
		f = !0;
		let e = () => {
			f = !1, h();
		};
		typeof requestAnimationFrame == "function" ? requestAnimationFrame(e) : setTimeout(e, 16);
	}
	function h() {
		let s = performance.now();
		r && n && a.width > 0 && a.height > 0 ? u = nn(n, {
			scene: r,
			camera: i,
			width: a.width,
			height: a.height,
			dpr: zn(),
			palette: o,
			emphasis: l
		}) : n && (n.setTransform(1, 0, 0, 1, 0, 0), n.fillStyle = o.background, n.fillRect(0, 0, t.width, t.height), u = {
			drawnNodes: 0,
			drawnEdges: 0,
			drawnPorts: 0
		}), d = performance.now() - s, e.changed();
		let c = p;
		p = [];
		for (let e of c) e();
	}
	function g() {
		let e = t.getBoundingClientRect(), n = Math.max(0, Math.round(e.width)), i = Math.max(0, Math.round(e.height));
		if (n === a.width && i === a.height) return;
		let o = a.width === 0 || a.height === 0;
		a = {
			width: n,
			height: i
		}, t.width = Math.round(n * zn()), t.height = Math.round(i * zn()), o && r && _(), m();
	}
	function _() {
		r && a.width && (i = Lt(r.bounds, a.width, a.height, 24, 1.2), m());
	}
	function v() {
		let e = c && "port" in c ? c.port : null;
		l = {
			...e && r ? kn(r, e) : {
				ports: /* @__PURE__ */ new Set(),
				items: /* @__PURE__ */ new Set(),
				ghosts: []
			},
			selection: s,
			hover: c && "item" in c ? c.item.id : null
		};
	}
	let y = null;
	t.addEventListener("pointerdown", (n) => {
		n.button === 0 && (t.focus({ preventScroll: !0 }), y = {
			x: n.clientX,
			y: n.clientY,
			camera: i,
			dragged: !1,
			id: n.pointerId
		}, e.hover(null, 0, 0), t.setPointerCapture?.(n.pointerId));
	}), t.addEventListener("pointermove", (e) => {
		if (y && y.id === e.pointerId) {
			let n = e.clientX - y.x, r = e.clientY - y.y;
			!y.dragged && Math.hypot(n, r) > Ln && (y.dragged = !0, t.classList.add("gf-dragging")), y.dragged && (i = U(y.camera, n, r), m());
		} else ee(e.clientX, e.clientY);
	}), t.addEventListener("pointerup", (n) => {
		if (!y || y.id !== n.pointerId) return;
		let r = y.dragged;
		if (y = null, t.classList.remove("gf-dragging"), r) return;
		let i = b(n.clientX, n.clientY);
		i?.kind === "port" ? e.stubClick(i.port) : e.select(i?.kind === "item" && i.item.type !== "boundary" ? i.item.id : null);
	}), t.addEventListener("pointercancel", () => {
		y = null, t.classList.remove("gf-dragging");
	}), t.addEventListener("pointerleave", () => {
		!y && c && (c = null, v(), e.hover(null, 0, 0), m());
	}), t.addEventListener("dblclick", (t) => {
		let n = b(t.clientX, t.clientY);
		n?.kind === "item" && (n.item.type === "module" || n.item.type === "stack") && (t.preventDefault(), e.toggle(n.item.id));
	}), t.addEventListener("wheel", (e) => {
		e.preventDefault();
		let n = t.getBoundingClientRect(), r = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? a.height : 1, o = e.deltaY * r;
		if (e.shiftKey && !e.ctrlKey) i = U(i, -o, 0);
		else {
			let t = Math.exp(-o * (e.ctrlKey ? .01 : .0015));
			i = It(i, t, e.clientX - n.left, e.clientY - n.top);
		}
		m();
	}, { passive: !1 }), t.addEventListener("keydown", (t) => {
		switch (t.key) {
			case "Enter":
			case " ":
				s && r?.byId.get(s)?.type.match(/^(module|stack)$/) && e.toggle(s);
				break;
			case "Escape":
				e.select(null);
				break;
			case "+":
			case "=":
				x(1.25);
				break;
			case "-":
			case "_":
				x(.8);
				break;
			case "0":
			case "f":
				_();
				break;
			case "ArrowLeft":
				i = U(i, 60, 0);
				break;
			case "ArrowRight":
				i = U(i, -60, 0);
				break;
			case "ArrowUp":
				i = U(i, 0, 60);
				break;
			case "ArrowDown":
				i = U(i, 0, -60);
				break;
			default: return;
		}
		t.preventDefault(), m();
	});
	function b(e, n) {
		if (!r) return null;
		let a = t.getBoundingClientRect(), o = zt(i, e - a.left, n - a.top);
		return Dn(r, o.x, o.y, i.scale >= .3);
	}
	function ee(n, r) {
		let i = b(n, r), a = i?.kind === "port" ? { port: i.port } : i?.kind === "item" ? { item: i.item } : null, o = (e) => e === null ? "" : "port" in e ? `p${e.port.id}` : `i${e.item.id}`;
		o(a) !== o(c) && (c = a, v(), m()), t.style.cursor = i?.kind === "port" ? "pointer" : "", e.hover(c, n, r);
	}
	function x(e) {
		i = It(i, e, a.width / 2, a.height / 2), m();
	}
	return {
		element: t,
		get scene() {
			return r;
		},
		get camera() {
			return i;
		},
		get size() {
			return a;
		},
		get counts() {
			return u;
		},
		get lastFrameMs() {
			return d;
		},
		get emphasis() {
			return l;
		},
		setScene(t, n = null) {
			let o = r === null;
			r = t, c = null, e.hover(null, 0, 0);
			let s = t && n ? t.byId.get(n.id) : void 0;
			if (n && s) {
				i = {
					...i,
					x: i.x + (n.before.x - s.x) * i.scale,
					y: i.y + (n.before.y - s.y) * i.scale
				};
				let e = W(i, s);
				(e.x < 0 || e.y < 0 || e.x + e.width > a.width || e.y + e.height > a.height) && (i = Lt(s, a.width, a.height, 32, i.scale));
			} else o && _();
			v(), m();
		},
		setSelection(e) {
			s = e, v(), m();
		},
		setPalette(e) {
			o = e, m();
		},
		setCamera(e) {
			i = e, m();
		},
		fit: _,
		reveal(e) {
			let t = r?.byId.get(e);
			if (!t || !a.width) return;
			let n = W(i, t), o = i.scale >= .6, s = n.x >= 0 && n.y >= 0 && n.x + n.width <= a.width && n.y + n.height <= a.height;
			o && s || (i = Lt({
				x: t.x - 80,
				y: t.y - 80,
				width: t.width + 160,
				height: t.height + 160
			}, a.width, a.height, 16, 1.2), m());
		},
		zoomBy: x,
		panZoom(e, t, n) {
			i = It(U(i, e, t), n, a.width / 2, a.height / 2), m();
		},
		drawn() {
			return f ? new Promise((e) => p.push(e)) : Promise.resolve();
		},
		resize: g
	};
}
function zn() {
	return Math.max(1, Math.min(3, globalThis.devicePixelRatio || 1));
}
function Bn(e) {
	if (typeof navigator < "u" && /jsdom/i.test(navigator.userAgent)) return null;
	try {
		return e.getContext("2d", { alpha: !1 });
	} catch {
		return null;
	}
}
// src/view/minimap.ts
var Z = 200, Q = 140;
function Vn(e) {
	let t = Math.min(192 / Math.max(1, e.width), 132 / Math.max(1, e.height));
	return {
		scale: t,
		x: (Z - e.width * t) / 2 - e.x * t,
		y: (Q - e.height * t) / 2 - e.y * t
	};
}
function Hn(e, t, n) {
	let r = Rt(t, n.width, n.height), i = e.bounds;
	return i.x < r.x || i.y < r.y || i.x + i.width > r.x + r.width || i.y + i.height > r.y + r.height;
}
function Un(e) {
	let t = A("canvas", {
		class: "gf-minimap",
		"data-testid": "minimap",
		width: Z,
		height: Q,
		"aria-label": "Minimap",
		hidden: !0
	}), n = Math.max(1, Math.min(2, globalThis.devicePixelRatio || 1));
	t.width = Z * n, t.height = Q * n;
	let r = /jsdom/i.test(globalThis.navigator?.userAgent ?? "") ? null : t.getContext("2d"), i = null, a = null;
	function o(n) {
		if (!a) return;
		let r = t.getBoundingClientRect(), i = Vn(a.bounds), o = (n.clientX - r.left) / r.width * Z, s = (n.clientY - r.top) / r.height * Q;
		e((o - i.x) / i.scale, (s - i.y) / i.scale);
	}
	t.addEventListener("pointerdown", (e) => {
		t.setPointerCapture?.(e.pointerId), o(e);
	}), t.addEventListener("pointermove", (e) => {
		e.buttons & 1 && o(e);
	});
	function s(e, t) {
		let r = document.createElement("canvas");
		r.width = Z * n, r.height = Q * n;
		let i = r.getContext("2d");
		if (!i) return r;
		let a = Vn(e.bounds);
		i.setTransform(n, 0, 0, n, 0, 0), i.fillStyle = t.background, i.fillRect(0, 0, Z, Q), i.setTransform(n * a.scale, 0, 0, n * a.scale, n * a.x, n * a.y);
		let o = new Path2D(), s = new Path2D();
		for (let t of e.items) (t.open ? o : s).rect(t.x, t.y, t.width, t.height);
		return i.fillStyle = t.frameHeader, i.fill(o), i.fillStyle = t.moduleStroke, i.fill(s), r;
	}
	return {
		element: t,
		update(e, o, c, l) {
			a = e;
			let u = e !== null && Hn(e, o, c);
			if (t.hidden = !u, !u || !r || !e) return;
			i && i.scene === e && i.palette === l || (i = {
				scene: e,
				palette: l,
				image: s(e, l)
			}), r.setTransform(1, 0, 0, 1, 0, 0), r.drawImage(i.image, 0, 0);
			let d = Vn(e.bounds), f = Rt(o, c.width, c.height);
			r.setTransform(n, 0, 0, n, 0, 0), r.strokeStyle = l.selection, r.lineWidth = 1.5, r.fillStyle = l.dark ? "rgba(138, 180, 248, 0.12)" : "rgba(26, 115, 232, 0.08)";
			let p = {
				x: f.x * d.scale + d.x,
				y: f.y * d.scale + d.y,
				w: f.width * d.scale,
				h: f.height * d.scale
			};
			r.fillRect(p.x, p.y, p.w, p.h), r.strokeRect(p.x, p.y, p.w, p.h);
		}
	};
}
// src/view/search_panel.ts
var Wn = 300;
function Gn(e) {
	let t = A("input", {
		type: "search",
		class: "gf-search-input",
		"data-testid": "search-input",
		placeholder: "Search (regex): name, op, module, class",
		"aria-label": "Search the graph by regular expression",
		spellcheck: "false",
		autocomplete: "off"
	}), n = A("div", {
		class: "gf-search-results",
		"data-testid": "search-results",
		role: "list",
		hidden: !0
	}), r = null, i = 0;
	async function a() {
		r && clearTimeout(r), r = null;
		let a = t.value.trim(), s = ++i;
		if (!a) n.hidden = !0, j(n);
		else {
			n.hidden = !1, j(n, A("p", { class: "gf-muted" }, "Searching…"));
			try {
				let t = await e.search(a);
				if (s !== i) return;
				let r = `${M(t.total)} match${t.total === 1 ? "" : "es"}`, c = t.truncated ? `first ${t.hits.length} of ${r}` : r;
				j(n, A("p", { class: "gf-muted" }, c), ...t.hits.map(o));
			} catch (e) {
				if (s !== i) return;
				j(n, A("p", {
					class: "gf-search-error",
					role: "alert"
				}, e instanceof Error ? e.message : String(e)));
			}
		}
	}
	function o(t) {
		let n = t.embedded_in ? `${t.kind} of ${t.embedded_in}` : t.module || "(root)", r = A("button", {
			type: "button",
			class: "gf-hit",
			"data-testid": "search-hit",
			role: "listitem",
			title: `${t.name}\n${t.op}\n${t.module}`
		}, A("span", { class: "gf-hit-name" }, t.name), A("span", { class: "gf-note" }, `${Ve(t.op)} · ${n}`));
		return r.addEventListener("click", () => e.choose(t)), r;
	}
	return t.addEventListener("input", () => {
		r && clearTimeout(r), r = setTimeout(() => void a(), Wn);
	}), t.addEventListener("keydown", (e) => {
		e.key === "Enter" ? (e.preventDefault(), a()) : e.key === "Escape" && (t.value = "", a());
	}), {
		input: t,
		results: n,
		clear() {
			t.value = "", i++, n.hidden = !0, j(n);
		}
	};
}
// src/view/stack_panel.ts
function Kn(e) {
	let t = A("h2", { class: "gf-stack-title" }), n = A("select", {
		"data-testid": "member-picker",
		"aria-label": "Member shown"
	}), r = A("button", {
		type: "button",
		class: "gf-button",
		"data-testid": "unstack-button"
	}, "Unstack"), i = A("div", {
		class: "gf-differences",
		"data-testid": "stack-differences"
	}), a = A("section", {
		class: "gf-stack",
		"aria-label": "Opened stack",
		hidden: !0
	}, t, A("div", { class: "gf-stack-controls" }, A("label", {}, "Member", n), r), i), o = null, s = !1;
	n.addEventListener("change", () => {
		o && e.pick(o, n.value);
	}), r.addEventListener("click", () => {
		o && e.unstack(o, !s);
	});
	function c(e, c, l) {
		a.hidden = e === null, e ? (o?.id !== e.id && (j(n, ...e.members.map((t, n) => be(t, `${L(t)} · ${N(e.member_parameter_counts[n] ?? 0)} params`, { title: t }))), j(i, A("h3", {}, e.differences.length ? `What differs between members (${e.differences.length})` : "What differs between members"), e.differences.length ? A("ul", { class: "gf-diffs" }, ...e.differences.map((e) => A("li", {}, st(e)))) : A("p", { class: "gf-muted" }, "Nothing: every member has the same shapes, dtypes and attributes."))), o = e, s = l, j(t, `${Ge(e)} ×${e.count}`), n.value = c, n.disabled = l, r.textContent = l ? "Stack again" : "Unstack", r.setAttribute("aria-pressed", String(l))) : o = null;
	}
	return {
		element: a,
		show: c
	};
}
// src/view/summary_panel.ts
var qn = {
	torch_export: "torch.export",
	onnx: "ONNX",
	graphdef: "GraphDef",
	unspecified: "unspecified"
};
function Jn(e) {
	return A("article", { class: "gf-summary" }, A("h2", {}, e.name || "(unnamed graph)"), A("dl", { class: "gf-facts" }, Yn("Source format", qn[e.sourceFormat] ?? e.sourceFormat), Yn("Producer", e.producer || "—")), A("ul", { class: "gf-counts" }, Xn(e.nodeCount, "node"), Xn(e.edgeCount, "edge"), Xn(e.moduleCount, "module"), Xn(e.parameterCount, "parameter", N)), A("div", { class: "gf-tables" }, A("section", {}, A("h3", {}, "Top-level modules"), Zn(e)), A("section", {}, A("h3", {}, "Module classes"), $n(e))));
}
function Yn(e, t) {
	let n = document.createDocumentFragment();
	return n.append(A("dt", {}, e), A("dd", {}, t)), n;
}
function Xn(e, t, n = M) {
	let r = M(e), i = n(e);
	return A("li", { title: i === r ? null : r }, A("span", { class: "gf-count" }, i), ` ${t}${e === 1 ? "" : "s"}`);
}
function Zn(e) {
	let t = e.topLevelModules.map(Qn);
	return e.rootNodeCount > 0 && t.push(A("tr", { class: "gf-muted" }, A("td", {}, "(root module itself)"), A("td", {}), A("td", { class: "gf-num" }, M(e.rootNodeCount)))), t.length ? tr([
		"Module",
		"Class",
		"Nodes"
	], t) : A("p", { class: "gf-muted" }, "This graph has no nodes.");
}
function Qn(e) {
	return A("tr", {}, A("td", { class: "gf-path" }, e.path), er(e.className), A("td", { class: "gf-num" }, M(e.nodeCount)));
}
function $n(e) {
	return e.classCounts.length ? tr(["Class", "Instances"], e.classCounts.map(({ className: e, count: t }) => A("tr", {}, er(e), A("td", { class: "gf-num" }, M(t))))) : A("p", { class: "gf-muted" }, "This graph has no modules.");
}
function er(e) {
	return e ? A("td", { title: e }, Me(e)) : A("td", { class: "gf-muted" }, "(unknown class)");
}
function tr(e, t) {
	return A("table", {}, A("thead", {}, A("tr", {}, ...e.map((e) => A("th", { scope: "col" }, e)))), A("tbody", {}, ...t));
}
// src/view/tooltip.ts
var nr = 8;
function rr(e) {
	if ("port" in e) {
		let t = e.port.json, n = [
			t.direction === "in" ? `Pruned input ${t.node}:${t.output} (${t.reason})` : `Pruned output ${t.node}:${t.output} (${t.reason})`,
			I(t),
			...t.edges.slice(0, nr).map(([e, t, n, r]) => `${e}:${t} → ${n} [input ${r}]`)
		];
		return t.edges.length > nr && n.push(`… ${t.edges.length - nr} more`), n.push(t.direction === "in" ? "Click to go to the producer" : "Click to go to a consumer (again for the next)"), n;
	}
	let { item: t } = e, n = t.json;
	if (!("type" in n)) return [`${n.node}:${n.output}`, I(n)];
	switch (n.type) {
		case "module": return [
			n.path,
			n.class_name || "(unknown class)",
			t.lines.info,
			t.open ? "Double-click to close" : "Double-click to open"
		];
		case "stack": return [
			`${n.count} × ${n.class_name}`,
			`${n.members[0]} … ${n.members[n.members.length - 1]}`,
			t.lines.info,
			t.open ? "Double-click to close" : "Double-click to open"
		];
		default: return [
			n.name,
			n.op,
			...n.outputs.map(I)
		];
	}
}
function ir() {
	let e = A("div", {
		class: "gf-tooltip",
		role: "tooltip",
		hidden: !0
	}), t = null;
	return {
		element: e,
		show(n, r, i) {
			if (!n || "item" in n && n.item.type !== "boundary" && n.item.open) {
				e.hidden = !0, t = null;
				return;
			}
			let a = "port" in n ? n.port : n.item;
			a !== t && (t = a, j(e, ...rr(n).map((e, t) => A("div", { class: t ? "gf-note" : "gf-tip-title" }, e)))), e.hidden = !1;
			let o = e.parentElement?.getBoundingClientRect();
			if (!o) return;
			let s = r - o.left + 14, c = i - o.top + 16;
			e.style.left = `${Math.min(s, o.width - e.offsetWidth - 8)}px`, e.style.top = `${Math.min(c, o.height - e.offsetHeight - 8)}px`;
		}
	};
}
// src/view/graph_tab.ts
var ar = 150;
function or(e, t, n) {
	let r = null, i = "", a = null, o = null, s = /* @__PURE__ */ new Set(), c = /* @__PURE__ */ new Map(), l = Rn({
		select: (e) => T(e),
		toggle: (e) => void re(e),
		stubClick: (e) => void oe(e),
		hover: (e, t, n) => f.show(e, t, n),
		changed: () => {
			a && u.update(l.scene, l.camera, l.size, a);
		}
	}), u = Un((e, t) => {
		let n = l.camera;
		l.setCamera({
			...n,
			x: l.size.width / 2 - e * n.scale,
			y: l.size.height / 2 - t * n.scale
		});
	}), d = A("div", {
		class: "gf-progress",
		"data-testid": "layout-progress",
		role: "status",
		hidden: !0
	}), f = ir(), p = A("div", { class: "gf-canvas-wrap" }, l.element, u.element, d, f.element), m = Nt((e) => {
		e === "m:" ? (l.fit(), T(null)) : (T(e), l.reveal(e));
	}), h = A("section", { class: "gf-stage" }, A("div", { class: "gf-toolbar" }, m.element, A("div", { class: "gf-tools" }, $("zoom-out", "−", "Zoom out (-)", () => l.zoomBy(.8)), $("zoom-in", "+", "Zoom in (+)", () => l.zoomBy(1.25)), $("fit-button", "Fit", "Fit to screen (0)", () => l.fit()), $("export-svg", "SVG", "Download the drawing as SVG", he), $("export-png", "PNG", "Download the drawing as PNG", ge))), p), g = Gn({
		search: (e) => r ? r.search(e) : Promise.reject(/* @__PURE__ */ Error("no graph is shown")),
		choose: (e) => void ae(() => r.revealSteps(e))
	}), _ = Kn({
		pick: (e, t) => void C(de(x(), e.id, t), e.id),
		unstack: (e, t) => void C(fe(x(), e.id, t), e.id)
	}), v = Gt((e) => void se(e)), y = A("div", { class: "gf-summary-body" }), b = A("details", { class: "gf-summary-box" }, A("summary", {}, "Graph summary"), y);
	b.addEventListener("toggle", () => {
		b.open && r && ce(r);
	});
	let ee = A("aside", { class: "gf-side" }, A("div", { class: "gf-search" }, g.input, g.results), _.element, v.element, b);
	typeof ResizeObserver < "u" ? new ResizeObserver(() => l.resize()).observe(p) : addEventListener("resize", () => l.resize());
	function x() {
		return r?.state ?? {
			open: /* @__PURE__ */ new Set(),
			members: /* @__PURE__ */ new Map(),
			unstacked: /* @__PURE__ */ new Set(),
			selection: null
		};
	}
	function S(e) {
		s.add(e);
		let t = () => s.delete(e);
		return e.then(t, t), e;
	}
	let te = null;
	function C(e, t) {
		if (!r) return Promise.resolve();
		let n = t ? l.scene?.byId.get(t) : void 0;
		return te = n ? {
			id: n.id,
			before: {
				x: n.x,
				y: n.y,
				width: n.width,
				height: n.height
			}
		} : null, t?.startsWith("s:") && (o = t), S(w(r.show(e, null)));
	}
	async function w(e) {
		let t = setTimeout(() => {
			d.hidden = !1, d.textContent ||= "Loading module views…";
		}, ar);
		try {
			await e;
		} finally {
			clearTimeout(t), r?.busy || (d.hidden = !0, d.textContent = "");
		}
	}
	function ne(e, t, i) {
		l.scene || performance.mark?.("graphfold:first-scene"), n(null), l.setScene(e, te), te = null, t.selection !== null && !e.byId.has(t.selection) && !e.ports.some((e) => e.id === t.selection) && r.select(null), l.setSelection(r.state.selection), i && e.byId.has(i) && l.reveal(i), E();
	}
	function T(e) {
		if (!r) return;
		r.select(e), l.setSelection(e);
		let t = e ? l.scene?.byId.get(e) : void 0, n = t ? me(t) : null;
		n && (o = n), E();
	}
	async function re(e) {
		let t = l.scene;
		if (!r || !t) return;
		let n = t.byId.get(e) ?? t.items.find((t) => t.block?.node.chain.slice(1).some((t) => `m:${t.module.path}` === e));
		if (!n) throw Error(`no item ${e} is drawn; drawn items: ${[...t.byId.keys()].slice(0, 20).join(", ")}`);
		let i = t.byId.get(n.parent);
		if (i?.openAs === "unstacked" && "type" in i.json && i.json.type === "stack") return C(O(ue(x(), i.id, e.slice(2)), i.id), i.id);
		if (n.type !== "module" && n.type !== "stack") return;
		let a = "type" in n.json && n.json.type === "stack" ? n.json.members : [];
		return C(O(le(x(), n.id, a), n.id), n.id);
	}
	async function ie(e, t) {
		let n = l.scene?.byId.get(e);
		if (!n || !("type" in n.json) || n.json.type !== "stack") throw Error(`no stack ${e} is drawn`);
		return C(fe(x(), e, t), e);
	}
	async function ae(e) {
		if (!r) return;
		try {
			await S(w(e().then(() => void 0)));
		} catch (e) {
			n(e instanceof Error ? e.message : String(e));
			return;
		}
		let t = r.state.selection;
		l.setSelection(t), t && l.reveal(t);
		let i = t ? l.scene?.byId.get(t) : void 0;
		i && (o = me(i) ?? o), E();
	}
	function oe(e) {
		if (!r) return;
		let t = e.json.node;
		if (e.direction === "out") {
			let n = [...new Set(e.json.edges.map((e) => e[2]))], r = c.get(e.id) ?? 0;
			c.set(e.id, r + 1), t = n[r % n.length] ?? t;
		}
		ae(() => r.reveal(t));
	}
	async function se(e) {
		switch (e.kind) {
			case "node": return ae(() => r.reveal(e.name));
			case "item":
				T(e.id), l.reveal(e.id);
				return;
			case "member": return C(O(ue(x(), e.stack, e.member), e.stack), e.stack);
		}
	}
	function E() {
		let e = l.scene;
		if (!r || !e) return;
		let t = r.state;
		sr(r.key, t);
		let n = t.selection ? e.byId.get(t.selection) : void 0;
		m.show(jt(e, n ? n.id : null, i)), D(n ?? null), (o ? e.byId.get(o) : void 0)?.open || (o = (n && me(n)) ?? [...e.items].reverse().find((e) => e.open && e.json && "type" in e.json && e.json.type === "stack")?.id ?? null);
		let a = o ? e.byId.get(o) : void 0, s = a?.open && "type" in a.json && a.json.type === "stack" ? a.json : null;
		_.show(s, s ? pe(t, s.id) : "", s ? t.unstacked.has(s.id) : !1);
	}
	function D(e) {
		if (!e || !r) return v.show(null);
		let t = r, i = $e(e, t.loadedGraph);
		v.show(i), i.needsGraph && S(t.graph().then((n) => {
			r === t && t.state.selection === e.id && v.show($e(e, n));
		}, (e) => n(`Could not load the node attributes: ${e instanceof Error ? e.message : String(e)}`)));
	}
	async function ce(e) {
		j(y, A("p", { class: "gf-muted" }, "Loading…"));
		try {
			let t = await S(e.graph());
			r === e && j(y, Jn(De(t)));
		} catch (e) {
			j(y, A("p", { class: "gf-search-error" }, e instanceof Error ? e.message : String(e)));
		}
	}
	function me(e) {
		for (let t = e; t; t = l.scene?.byId.get(t.parent)) if (t.open && (t.openAs === "stack" || t.openAs === "unstacked")) return t.id;
		return null;
	}
	function k() {
		let e = r?.key;
		return e ? [i || e.tag, `step${e.step}`] : ["graph"];
	}
	function he() {
		if (!l.scene || !a) return;
		let e = bn(yn(l.scene, a));
		Tn(new Blob([e], { type: "image/svg+xml" }), En(k(), "svg"));
	}
	function ge() {
		if (l.scene && a) try {
			wn(l.scene, a).toBlob((e) => {
				e ? Tn(e, En(k(), "png")) : n("The PNG export failed: the drawing is too large for one image; export SVG instead.");
			}, "image/png");
		} catch (e) {
			n(e instanceof Error ? e.message : String(e));
		}
	}
	let _e = {
		async idle() {
			for (;;) {
				for (; s.size;) await Promise.allSettled([...s]);
				if (await r?.settled(), await l.drawn(), !s.size && !r?.busy) return;
			}
		},
		items: () => Ht(l.scene, l.camera),
		edges: () => Ut(l.scene, l.emphasis.ghosts),
		stats: () => ({
			...l.counts,
			totalElements: Wt(l.scene),
			lastFrameMs: l.lastFrameMs,
			layoutMs: r?.layoutMs ?? 0
		}),
		selection: () => r?.state.selection ?? null,
		async toggle(e) {
			await re(e), await _e.idle();
		},
		panZoom: (e, t, n) => l.panZoom(e, t, n),
		async unstack(e, t) {
			await ie(e, t), await _e.idle();
		}
	};
	return {
		stage: h,
		side: ee,
		debug: _e,
		show(a, s, u) {
			r?.close(), t.clear(), i = u, o = null, c.clear(), g.clear(), b.open = !1, j(y), l.setScene(null);
			let d = new At(a, e, t.layout, {
				scene: (e, t, n) => r === d && ne(e, t, n),
				error: (e) => r === d && n(e)
			}, s);
			r = d, S(w(d.show(s, s.selection)));
		},
		clear() {
			r?.close(), r = null, l.setScene(null), v.show(null), _.show(null, "", !1);
		},
		setPalette(e) {
			a = e, l.setPalette(e);
		},
		stageLabel(e) {
			d.textContent = e;
		}
	};
}
function sr(e, t) {
	let n = new URL(location.href);
	n.hash = b(e, t), n.href !== location.href && history.replaceState(history.state, "", n.href), a(n.hash);
}
function $(e, t, n, r) {
	let i = A("button", {
		type: "button",
		class: "gf-tool",
		"data-testid": e,
		title: n,
		"aria-label": n
	}, t);
	return i.addEventListener("click", r), i;
}
// src/view/picker.ts
function cr(e) {
	let t = A("select", {
		name: "run",
		"data-testid": "source-run"
	}), n = A("select", {
		name: "tag",
		"data-testid": "source-tag"
	}), r = A("select", {
		name: "step",
		"data-testid": "source-step"
	}), i = A("form", {
		class: "gf-picker",
		"aria-label": "Graph"
	}, A("label", {}, "Run", t), A("label", {}, "Tag", n), A("label", {}, "Step", r));
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
		t.replaceChildren(...s.map((e) => be(e, e))), t.value = o.run;
		let c = o.run;
		n.replaceChildren(...e.flatMap((e, t) => e.run === c ? [be(String(t), lr(e))] : [])), n.value = String(e.indexOf(o)), r.replaceChildren(...o.steps.map((e) => be(String(e.step), ur(e), {
			disabled: e.error !== null,
			title: dr(e)
		}))), i.step === null ? r.selectedIndex = -1 : r.value = String(i.step);
	}
	return {
		element: i,
		show: s
	};
}
function lr(e) {
	return e.source === "graphdef" ? `${e.tag} (GraphDef)` : e.tag;
}
function ur(e) {
	return e.error === null ? `step ${e.step} — ${Ee(e.node_count, "node")}, ${we(e.blob_bytes)}` : `step ${e.step} — error: ${e.error}`;
}
function dr(e) {
	let t = /* @__PURE__ */ new Date(e.wall_time * 1e3), n = Number.isNaN(t.getTime()) ? "" : ` (logged ${t.toISOString()})`;
	return e.error === null ? `${e.name}: ${Ee(e.edge_count, "edge")}, ${Ee(e.module_count, "module")}${n}` : e.error + n;
}
// src/view/text_measure.ts
function fr() {
	if (/jsdom/i.test(globalThis.navigator?.userAgent ?? "")) return;
	let e = document.createElement("canvas").getContext("2d");
	if (!e) return;
	let t = /* @__PURE__ */ new Map();
	Be((n, r, i) => {
		let a = `${r}${i ? "b" : ""}\u0000${n}`, o = t.get(a);
		return o === void 0 && (e.font = `${i ? "600 " : ""}${r}px ${P}`, o = e.measureText(n).width, t.size > 5e4 && t.clear(), t.set(a, o)), o;
	});
}
// src/view/app.ts
var pr = "No graphs in this log directory yet. Log one with tb_plugin.summary.log_graph(writer, model, example_inputs), or with SummaryWriter.add_graph, then press Reload.";
function mr(e, t = {}) {
	let n = t.api ?? m;
	fr();
	let r = null, a = ae((t.startWorker ?? re)(), (e) => r?.stageLabel(e)), o = cr((e) => y(e, oe)), s = A("button", {
		type: "button",
		class: "gf-reload"
	}, "Reload"), c = A("p", {
		class: "gf-status",
		role: "status",
		hidden: !0
	}), u = A("p", {
		class: "gf-status gf-error",
		role: "alert",
		"data-testid": "error-message",
		hidden: !0
	});
	r = or(n, a, b);
	let d = A("div", { class: "gf-body" }, r.stage, r.side);
	e.append(A("header", { class: "gf-header" }, A("h1", {}, "GraphFold"), o.element, s), c, u, d), o.element.hidden = !0, d.hidden = !0, In((t) => {
		e.classList.toggle("gf-dark", t.dark), e.classList.toggle("gf-light", !t.dark), r?.setPalette(t);
	});
	let f = [], p = null, h = Promise.resolve(), g = r.debug;
	window.__graphfold = {
		...g,
		async idle() {
			for (let e = null; e !== h;) e = h, await e;
			await g.idle();
		}
	}, s.addEventListener("click", () => {
		let e = ee(location.hash || i());
		h = v(p ?? e.graph, e.state);
	});
	let _ = ee(location.hash || i());
	h = v(_.graph, _.state);
	async function v(e, t) {
		x("loading", "Loading the list of graphs…"), s.disabled = !0;
		try {
			f = await l();
		} catch (e) {
			x(null), b(`Could not list the graphs: ${hr(e)}`);
			return;
		} finally {
			s.disabled = !1;
		}
		o.element.hidden = f.length === 0, f.length ? (x(null), y(e, t)) : (d.hidden = !0, r.clear(), x("info", pr));
	}
	function y(e, t) {
		let n = ge(f, e);
		if (!n) return;
		o.show(f, n);
		let { run: i, tag: a, source: s } = n.listing;
		if (n.step === null) {
			p = null, d.hidden = !0, r.clear(), b(`No step of run "${i}", tag "${a}" can be read. ${n.listing.steps.map((e) => `step ${e.step}: ${e.error}`).join("; ")}`);
			return;
		}
		let c = {
			run: i,
			tag: a,
			source: s,
			step: n.step
		}, l = e && e.run === i && e.tag === a && e.source === s && (e.step ?? c.step) === c.step;
		p = c, b(null), d.hidden = !1;
		let u = n.listing.steps.find((e) => e.step === c.step);
		r.show(c, l ? t : oe, u && u.error === null ? u.name : a);
	}
	function b(e) {
		u.hidden = e === null, u.textContent = e ?? "";
	}
	function x(e, t = "") {
		c.hidden = e === null, c.className = e ? `gf-status gf-${e}` : "gf-status", c.textContent = t;
	}
}
function hr(e) {
	return e instanceof Error ? e.message : String(e);
}
// src/index.ts
var gr = "graphfold-style";
function _r(e = document.body) {
	performance.mark?.("graphfold:render");
	let t = e.ownerDocument;
	if (!t.getElementById(gr)) {
		let e = t.createElement("style");
		e.id = gr, e.textContent = ".graphfold{--lightningcss-light:initial;--lightningcss-dark: ;color-scheme:light dark;--gf-bg:#fff;--gf-fg:#202124;--gf-muted:#5f6368;--gf-border:#dadce0;--gf-surface:#f8f9fa;--gf-accent:#1a73e8;--gf-error-bg:#fce8e6;--gf-error-fg:#a50e0e;--gf-stub:#e8710a;background:var(--gf-bg);height:100vh;color:var(--gf-fg);flex-direction:column;margin:0;font:14px/1.45 Roboto,Segoe UI,system-ui,sans-serif;display:flex;overflow:hidden}@media (prefers-color-scheme:dark){.graphfold{--lightningcss-light: ;--lightningcss-dark:initial}}.graphfold.gf-dark{--lightningcss-light: ;--lightningcss-dark:initial;color-scheme:dark;--gf-bg:#202124;--gf-fg:#e8eaed;--gf-muted:#9aa0a6;--gf-border:#3c4043;--gf-surface:#292a2d;--gf-accent:#8ab4f8;--gf-error-bg:#3c1f1e;--gf-error-fg:#f28b82;--gf-stub:#fcad70}.graphfold.gf-light{--lightningcss-light:initial;--lightningcss-dark: ;color-scheme:light}.graphfold [hidden]{display:none!important}.gf-header{border-bottom:1px solid var(--gf-border);background:var(--gf-surface);flex-wrap:wrap;align-items:center;gap:8px 24px;padding:8px 16px;display:flex}.gf-header h1{margin:0;font-size:18px;font-weight:500}.gf-picker{flex-wrap:wrap;gap:8px 16px;margin:0;display:flex}.gf-picker label,.gf-stack-controls label{color:var(--gf-muted);align-items:center;gap:6px;display:flex}.gf-picker select,.gf-stack-controls select,.gf-reload{border:1px solid var(--gf-border);background:var(--gf-bg);max-width:28em;color:var(--gf-fg);font:inherit;border-radius:4px;padding:4px 6px}.gf-reload{cursor:pointer}.gf-picker select:focus-visible,.gf-stack-controls select:focus-visible,.gf-reload:focus-visible{outline:2px solid var(--gf-accent);outline-offset:1px}.gf-reload:disabled{cursor:progress;opacity:.6}.gf-status{white-space:pre-wrap;overflow-wrap:anywhere;border-radius:4px;margin:8px 16px 0;padding:8px 12px}.gf-loading,.gf-info{color:var(--gf-muted);background:var(--gf-surface)}.gf-error{color:var(--gf-error-fg);background:var(--gf-error-bg)}.gf-stale{opacity:.5}.gf-summary h2{overflow-wrap:anywhere;margin:0 0 8px;font-size:20px;font-weight:500}.gf-facts{grid-template-columns:max-content 1fr;gap:2px 16px;margin:0 0 16px;display:grid}.gf-facts dt{color:var(--gf-muted)}.gf-facts dd{overflow-wrap:anywhere;margin:0}.gf-counts{flex-wrap:wrap;gap:12px;margin:0 0 24px;padding:0;list-style:none;display:flex}.gf-counts li{border:1px solid var(--gf-border);color:var(--gf-muted);border-radius:8px;padding:8px 16px}.gf-count{color:var(--gf-fg);font-variant-numeric:tabular-nums;font-size:20px}.gf-tables{flex-wrap:wrap;align-items:flex-start;gap:24px 48px;display:flex}.gf-tables h3{margin:0 0 8px;font-size:15px;font-weight:500}.gf-tables table{border-collapse:collapse}.gf-tables th,.gf-tables td{border-bottom:1px solid var(--gf-border);text-align:left;vertical-align:top;padding:4px 12px 4px 0}.gf-tables th{color:var(--gf-muted);font-weight:500}.gf-tables td[title]{cursor:help}.gf-tables .gf-num{text-align:right;font-variant-numeric:tabular-nums}.gf-path{overflow-wrap:anywhere;font-family:Roboto Mono,ui-monospace,monospace}.gf-muted{color:var(--gf-muted)}.gf-body{flex:1;min-height:0;display:flex}.gf-stage{flex-direction:column;flex:1;min-width:0;display:flex}.gf-toolbar{border-bottom:1px solid var(--gf-border);align-items:center;gap:8px;padding:4px 8px 4px 12px;display:flex}.gf-breadcrumbs{flex-wrap:wrap;flex:1;align-items:center;gap:2px;min-width:0;display:flex}.gf-crumb{max-width:22em;color:var(--gf-accent);font:inherit;white-space:nowrap;text-overflow:ellipsis;cursor:pointer;background:0 0;border:0;border-radius:4px;padding:2px 6px;overflow:hidden}.gf-crumb:last-child{color:var(--gf-fg);font-weight:500}.gf-crumb:hover{background:var(--gf-surface)}.gf-crumb-sep{color:var(--gf-muted)}.gf-tools{gap:4px;display:flex}.gf-tool,.gf-button{border:1px solid var(--gf-border);background:var(--gf-bg);min-width:32px;color:var(--gf-fg);font:inherit;cursor:pointer;border-radius:4px;padding:3px 8px}.gf-tool:hover,.gf-button:hover{background:var(--gf-surface)}.gf-tool[data-testid=export-svg]{margin-left:8px}.gf-canvas-wrap{flex:1;min-height:0;position:relative;overflow:hidden}.gf-canvas{cursor:grab;touch-action:none;outline:none;width:100%;height:100%;display:block}.gf-canvas.gf-dragging{cursor:grabbing}.gf-canvas:focus-visible{box-shadow:inset 0 0 0 2px var(--gf-accent)}.gf-minimap{border:1px solid var(--gf-border);cursor:crosshair;border-radius:6px;width:200px;height:140px;position:absolute;bottom:12px;right:12px;box-shadow:0 1px 4px #00000026}.gf-progress{border:1px solid var(--gf-border);background:var(--gf-surface);max-width:70%;color:var(--gf-muted);white-space:nowrap;text-overflow:ellipsis;border-radius:16px;padding:6px 14px 6px 32px;position:absolute;top:12px;left:50%;overflow:hidden;transform:translate(-50%);box-shadow:0 1px 4px #00000026}.gf-progress:before{border:2px solid var(--gf-border);border-top-color:var(--gf-accent);content:\"\";border-radius:50%;width:12px;height:12px;margin-top:-8px;animation:.8s linear infinite gf-spin;position:absolute;top:50%;left:10px}@keyframes gf-spin{to{transform:rotate(360deg)}}.gf-tooltip{z-index:2;border:1px solid var(--gf-border);background:var(--gf-bg);pointer-events:none;overflow-wrap:anywhere;border-radius:6px;max-width:420px;padding:6px 10px;font-size:12px;position:absolute;box-shadow:0 2px 8px #0000002e}.gf-tip-title{font-weight:500}.gf-side{border-left:1px solid var(--gf-border);background:var(--gf-bg);flex-direction:column;flex-shrink:0;gap:12px;width:340px;padding:10px 12px;display:flex;overflow-y:auto}.gf-side h2{overflow-wrap:anywhere;margin:0 0 6px;font-size:15px;font-weight:500}.gf-side h3{color:var(--gf-muted);letter-spacing:.03em;text-transform:uppercase;margin:10px 0 4px;font-size:12px;font-weight:500}.gf-search-input{box-sizing:border-box;border:1px solid var(--gf-border);background:var(--gf-bg);width:100%;color:var(--gf-fg);font:inherit;border-radius:4px;padding:6px 8px}.gf-search-input:focus-visible{outline:2px solid var(--gf-accent);outline-offset:-1px}.gf-search-results{flex-direction:column;max-height:40vh;margin-top:6px;display:flex;overflow-y:auto}.gf-search-results>p{margin:2px 0 4px;font-size:12px}.gf-hit{color:var(--gf-fg);font:inherit;text-align:left;cursor:pointer;background:0 0;border:0;border-radius:4px;flex-direction:column;align-items:flex-start;padding:4px 6px;display:flex}.gf-hit:hover,.gf-hit:focus-visible{background:var(--gf-surface)}.gf-hit-name{overflow-wrap:anywhere;font-family:Roboto Mono,ui-monospace,monospace;font-size:12px}.gf-note{color:var(--gf-muted);overflow-wrap:anywhere;font-size:12px}.gf-search-error{color:var(--gf-error-fg);overflow-wrap:anywhere}.gf-stack{border:1px solid var(--gf-border);background:var(--gf-surface);border-radius:6px;padding:8px 10px}.gf-stack-controls{flex-wrap:wrap;align-items:center;gap:8px;display:flex}.gf-stack-controls select{max-width:14em}.gf-diffs{overflow-wrap:anywhere;margin:0;padding-left:18px;font-size:12px}.gf-kind{color:var(--gf-muted);margin:0;font-size:12px}.gf-details .gf-facts{margin:0 0 4px;font-size:13px}.gf-links{margin:0;padding:0;list-style:none}.gf-links li{flex-wrap:wrap;align-items:baseline;gap:0 8px;padding:1px 0;display:flex}.gf-link{color:var(--gf-accent);text-align:left;overflow-wrap:anywhere;cursor:pointer;background:0 0;border:0;padding:0;font:12px Roboto Mono,ui-monospace,monospace}.gf-link:hover{text-decoration:underline}.gf-link-text{font:12px Roboto Mono,ui-monospace,monospace}.gf-summary-box summary{color:var(--gf-muted);cursor:pointer}.gf-summary-box .gf-tables{flex-direction:column;gap:12px}", t.head.append(e);
	}
	e.classList.add("graphfold"), mr(e);
}
export { _r as render };
