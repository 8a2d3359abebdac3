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
function r(e) {
	return y("graphs", e);
}
async function i(t, r) {
	let i = n(t), a = await b(i, r);
	if (!(a.schema_version <= 1)) throw new e(`graph "${t.run}" / "${t.tag}" has schema version ${a.schema_version}, newer than the 1 this page reads; reload the page to get the matching frontend`, i, 200);
	if (!Array.isArray(a.nodes) || !Array.isArray(a.modules)) throw new e(`GET ${i} answered JSON without "nodes" and "modules" lists`, i, 200);
	return a;
}
async function a(t, n, r) {
	let i = `view?${_(t, { module: n })}`, a = await b(i, r);
	if (!a.module || !Array.isArray(a.children) || !Array.isArray(a.edges)) throw new e(`GET ${i} answered JSON without "module", "children" and "edges"`, i, 200);
	return a;
}
async function o(t, n, r) {
	let i = `node?${_(t, { name: n })}`, a = await b(i, r);
	if (!Array.isArray(a.inputs) || !Array.isArray(a.producers) || !Array.isArray(a.consumers)) throw new e(`GET ${i} answered JSON without "inputs", "producers" and "consumers" lists`, i, 200);
	return a;
}
async function s(t, n = [], r) {
	let i = new URLSearchParams();
	t && (i.set("run", t.run), i.set("tag", t.tag), i.set("source", t.source), t.step !== null && i.set("step", String(t.step)));
	for (let e of n) i.append("open", e);
	let a = i.toString(), o = a ? `start?${a}` : "start", s = await b(o, r);
	if (!Array.isArray(s.graphs) || typeof s.views != "object" || s.views === null || s.graph === void 0) throw new e(`GET ${o} answered JSON without "graphs", "graph" and "views"; is the backend GraphFold's?`, o, 200);
	return s;
}
function c(e, n) {
	return b(`stats?${t(e)}`, n);
}
function l(e, t, n = 200, r) {
	return b(`search?${_(e, {
		q: t,
		limit: String(n)
	})}`, r);
}
function u(e, t, n) {
	return b(`locate?${_(e, { node: t })}`, n);
}
var d = {
	view: (e, t) => a(e, t),
	graph: (e) => i(e),
	node: (e, t) => o(e, t),
	search: (e, t) => l(e, t),
	locate: (e, t) => u(e, t),
	stats: (e) => c(e)
};
function f(e) {
	return y("overlays", e);
}
async function p(t, n) {
	let r = `filter_stats?${new URLSearchParams({
		run: t.run,
		tag: t.tag,
		step: String(t.step)
	})}`, i = await b(r, n);
	if (!Array.isArray(i.layers) || !Array.isArray(i.groups) || !Array.isArray(i.metrics) || !Array.isArray(i.cost_terms)) throw new e(`GET ${r} answered JSON without "layers", "groups", "metrics" and "cost_terms" lists`, r, 200);
	return i;
}
async function m(t, n) {
	let r = `weight_graph?${new URLSearchParams({
		run: t.run,
		tag: t.tag
	})}`, i = await b(r, n);
	if (!Array.isArray(i.steps) || !Array.isArray(i.properties)) throw new e(`GET ${r} answered JSON without "steps" and "properties" lists`, r, 200);
	return i;
}
async function h(t, n) {
	let r = `scalars?${new URLSearchParams({ run: t })}`, i = await b(r, n);
	if (!i.scalars || typeof i.scalars != "object" || Array.isArray(i.scalars)) throw new e(`GET ${r} answered JSON without a "scalars" object`, r, 200);
	return i;
}
var g = {
	overlays: () => f(),
	filterStats: (e) => p(e),
	weightGraph: (e) => m(e),
	scalars: (e) => h(e)
};
function _(e, n) {
	let r = t(e);
	for (let [e, t] of Object.entries(n)) r.set(e, t);
	return r;
}
function v(e) {
	let t;
	try {
		t = JSON.parse(e);
	} catch {
		return null;
	}
	let n = t?.error?.message;
	return typeof n == "string" && n ? n : null;
}
async function y(t, n) {
	let r = (await b(t, n))[t];
	if (!Array.isArray(r)) throw new e(`GET ${t} answered JSON without ${/^[aeiou]/.test(t) ? "an" : "a"} "${t}" list; is the backend GraphFold's?`, t, 200);
	return r;
}
async function b(t, n) {
	let r, i;
	try {
		r = await fetch(t, {
			signal: n,
			headers: { Accept: "application/json" }
		}), i = await r.text();
	} catch (r) {
		throw n?.aborted ? r : new e(`could not reach the GraphFold backend (GET ${t}): ${w(r)}`, t, null);
	}
	if (!r.ok) throw new e(v(i) ?? `GET ${t} failed: HTTP ${r.status} ${r.statusText}`.trim(), t, r.status);
	try {
		return C(i);
	} catch (n) {
		throw new e(`GET ${t} answered HTTP ${r.status} with a body that is not JSON (${w(n)}): ` + JSON.stringify(i.slice(0, 80)), t, r.status);
	}
}
var x = /* @__PURE__ */ new Set([
	"mean",
	"std",
	"seconds",
	"reduction",
	"wall_time"
]), S = /[[,]null[\],]|"(?:mean|std|seconds|reduction|wall_time)":null/;
function C(e) {
	return S.test(e) ? JSON.parse(e, function(e, t) {
		return t === null && (Array.isArray(this) || x.has(e)) ? NaN : t;
	}) : JSON.parse(e);
}
function w(e) {
	return e instanceof Error ? e.message : String(e);
}
// src/deep_link.ts
var T = ["graphfold", "graphdef"];
function E(e, t) {
	let n = [
		`run=${j(e.run)}`,
		`tag=${j(e.tag)}`,
		`step=${e.step}`,
		`source=${j(e.source)}`
	];
	return t.open.size && n.push(`open=${[...t.open].sort().map(j).join(",")}`), t.selection !== null && n.push(`sel=${j(t.selection)}`), t.members.size && n.push(`member=${[...t.members].sort().map(([e, t]) => `${j(e)}:${j(t)}`).join(",")}`), `#${n.join("&")}`;
}
function D(e) {
	let t = /* @__PURE__ */ new Map();
	for (let n of e.replace(/^#/, "").split("&")) {
		if (!n) continue;
		let e = n.indexOf("="), r = e < 0 ? n : n.slice(0, e);
		t.set(M(r), e < 0 ? "" : n.slice(e + 1));
	}
	let n = (e) => {
		let n = t.get(e);
		return n === void 0 ? void 0 : M(n);
	}, r = n("run"), i = n("tag"), a = n("step"), o = n("source"), s = r === void 0 || i === void 0 ? null : {
		run: r,
		tag: i,
		source: T.find((e) => e === o) ?? "graphfold",
		step: a !== void 0 && /^\d+$/.test(a) ? Number(a) : null
	}, c = new Set(O(t.get("open"))), l = /* @__PURE__ */ new Map(), u = t.get("member") ?? "", d = /[,:]/.test(u);
	for (let e of (d ? u : M(u)).split(",")) {
		let t = d ? k(e) : A(e);
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
function O(e) {
	return e ? (e.includes(",") ? e.split(",").map(M) : M(e).split(",")).filter((e) => e !== "") : [];
}
function k(e) {
	let t = e.indexOf(":");
	return t > 0 ? [M(e.slice(0, t)), M(e.slice(t + 1))] : null;
}
function A(e) {
	let t = e.indexOf(":", e.startsWith("s:") ? 2 : 0);
	return t > 0 ? [e.slice(0, t), e.slice(t + 1)] : null;
}
function j(e) {
	return encodeURIComponent(e);
}
function M(e) {
	try {
		return decodeURIComponent(e.replace(/\+/g, " "));
	} catch {
		return e;
	}
}
// src/host_link.ts
var N = "p.graphfold.", P = "graphfold";
function F(e) {
	let t = e.replace(/^#/, "").split("&").filter((e) => e.startsWith(N)).map((e) => e.slice(12));
	return t.length ? `#${t.join("&")}` : "";
}
function I(e, t) {
	let n = e.replace(/^#/, "").split("&").filter((e) => e && !e.startsWith(N));
	(!n.length || n[0].includes("=")) && n.unshift(P);
	let r = t.replace(/^#/, "").split("&").filter(Boolean).map((e) => N + e);
	return `#${[...n, ...r].join("&")}`;
}
function L() {
	try {
		return window.parent !== window && window.parent.location.href ? window.parent : null;
	} catch {
		return null;
	}
}
function ee() {
	let e = L();
	return e ? F(e.location.hash) : "";
}
function te(e) {
	let t = L();
	if (!t) return;
	let n = new URL(t.location.href);
	n.hash = I(t.location.hash, e), n.href !== t.location.href && t.history.replaceState(t.history.state, "", n.href);
}
// src/layout_cache.ts
var ne = 2e3, re = 67108864;
function ie(e, t) {
	let { version: n, maxEntries: r = ne, maxBytes: i = re, now: a = Date.now } = t, o = null, s = !1;
	function c() {
		return o ??= e.list().then(async (t) => {
			let r = t.filter((e) => e.version !== n).map((e) => e.key);
			return r.length && await e.delete(r), new Map(t.filter((e) => e.version === n).map((e) => [e.key, e]));
		}), o;
	}
	c().catch((e) => l(e));
	function l(e) {
		return s || console.warn(`GraphFold: the layout cache is off for this page: ${e instanceof Error ? e.message : String(e)}`), s = !0, null;
	}
	async function u(t) {
		let n = 0;
		for (let e of t.values()) n += e.bytes;
		if (t.size <= r && n <= i) return;
		let a = [...t.values()].sort((e, t) => e.usedAt - t.usedAt), o = [];
		for (let e of a) {
			if (t.size <= r && n <= i) break;
			t.delete(e.key), n -= e.bytes, o.push(e.key);
		}
		await e.delete(o);
	}
	return {
		async get(t) {
			if (s) return null;
			try {
				let r = oe(n, t), i = await c();
				if (!i.has(r)) return null;
				let o = await e.get(r);
				if (!o) return i.delete(r), null;
				let s = {
					...ae(o),
					usedAt: a()
				};
				return i.set(r, s), e.touch(s).catch(l), o.result;
			} catch (e) {
				return l(e);
			}
		},
		async put(t, r) {
			if (!s) try {
				let o = await c(), s = {
					key: oe(n, t),
					version: n,
					usedAt: a(),
					bytes: JSON.stringify(r).length,
					result: r
				};
				if (s.bytes > i) return;
				await e.put(s), o.set(s.key, ae(s)), await u(o);
			} catch (e) {
				l(e);
			}
		}
	};
}
function ae({ key: e, version: t, usedAt: n, bytes: r }) {
	return {
		key: e,
		version: t,
		usedAt: n,
		bytes: r
	};
}
function oe(e, t) {
	return `${e}|${t.key}|${se(JSON.stringify(t))}`;
}
function se(e) {
	let t = 3735928559, n = 1103547991;
	for (let r = 0; r < e.length; r++) {
		let i = e.charCodeAt(r);
		t = Math.imul(t ^ i, 2654435761), n = Math.imul(n ^ i, 1597334677);
	}
	return t = Math.imul(t ^ t >>> 16, 2246822507) ^ Math.imul(n ^ n >>> 13, 3266489909), n = Math.imul(n ^ n >>> 16, 2246822507) ^ Math.imul(t ^ t >>> 13, 3266489909), (4294967296 * (2097151 & n) + (t >>> 0)).toString(36);
}
var ce = "graphfold-layouts", le = "meta", ue = "results";
function de(e = indexedDB) {
	let t = null;
	function n() {
		return t ??= new Promise((t, n) => {
			let r = e.open(ce, 1);
			r.onupgradeneeded = () => {
				r.result.createObjectStore(le, { keyPath: "key" }), r.result.createObjectStore(ue);
			}, r.onsuccess = () => t(r.result), r.onerror = () => n(r.error ?? /* @__PURE__ */ Error("IndexedDB refused to open")), r.onblocked = () => n(/* @__PURE__ */ Error("IndexedDB is blocked by another tab"));
		}), t;
	}
	async function r(e, t) {
		let r = (await n()).transaction([le, ue], e), i = t(r.objectStore(le), r.objectStore(ue));
		return new Promise((e, t) => {
			r.oncomplete = () => e(i()), r.onerror = () => t(r.error ?? /* @__PURE__ */ Error("an IndexedDB transaction failed")), r.onabort = () => t(r.error ?? /* @__PURE__ */ Error("an IndexedDB transaction was aborted"));
		});
	}
	return {
		get: (e) => r("readonly", (t, n) => {
			let r = t.get(e), i = n.get(e);
			return () => r.result && i.result ? {
				...r.result,
				result: i.result
			} : void 0;
		}),
		put: (e) => r("readwrite", (t, n) => (t.put(ae(e)), n.put(e.result, e.key), () => void 0)),
		touch: (e) => r("readwrite", (t) => (t.put(e), () => void 0)),
		list: () => r("readonly", (e) => {
			let t = e.getAll();
			return () => t.result;
		}),
		delete: (e) => r("readwrite", (t, n) => {
			for (let r of e) t.delete(r), n.delete(r);
			return () => void 0;
		})
	};
}
// src/layout_client.ts
var fe = "./assets/layout_worker-awIKOfuErJ.js", pe = 1e3;
function me() {
	if (typeof Worker > "u") return he("this browser has no Web Workers");
	try {
		return new Worker(new URL(fe, import.meta.url), { name: "graphfold-layout" });
	} catch (e) {
		return he(e instanceof Error ? e.message : String(e));
	}
}
function he(e) {
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
function ge() {
	return typeof indexedDB > "u" ? null : ie(de(), { version: "awIKOfuErJ" });
}
function _e(e, t, n = null) {
	let r = /* @__PURE__ */ new Map(), i = /* @__PURE__ */ new Map(), a = /* @__PURE__ */ new Map(), o = 1, s = null;
	e.onmessage = (e) => {
		let n = e.data;
		switch (n.type) {
			case "progress":
				r.has(n.id) && t(n.stage);
				return;
			case "done":
				r.get(n.id)?.resolve(n.result), r.delete(n.id);
				return;
			case "failed":
				r.get(n.id)?.reject(Error(n.message)), r.delete(n.id);
				return;
		}
	}, e.onerror = (e) => {
		e.preventDefault?.(), s = /* @__PURE__ */ Error(`the layout worker (${fe}) failed: ${e.message || "it could not be loaded"}; reload the page, or rebuild the frontend (npm run build) if the file is missing`);
		for (let { reject: e } of r.values()) e(s);
		r.clear();
	}, e.postMessage({ type: "warm-up" });
	function c(t) {
		if (s) return Promise.reject(s);
		performance.mark?.("graphfold:layout-run", { detail: t.label });
		let n = o++;
		return new Promise((i, a) => {
			r.set(n, {
				resolve: i,
				reject: a
			}), e.postMessage({
				type: "layout",
				id: n,
				input: t
			});
		});
	}
	async function l(e, t) {
		let n = await e.get(t);
		if (n) return n;
		let r = await c(t);
		return e.put(t, r), r;
	}
	return {
		layout(e) {
			let t = i.get(e.key);
			if (t) return i.delete(e.key), i.set(e.key, t), t;
			let r = n ? l(n, e) : c(e);
			for (i.set(e.key, r), r.then((t) => i.get(e.key) === r && a.set(e.key, t), () => i.delete(e.key)); i.size > pe;) {
				let e = i.keys().next().value;
				i.delete(e), a.delete(e);
			}
			return r;
		},
		peek: (e) => a.get(e.key),
		clear() {
			i.clear(), a.clear();
		},
		get pending() {
			return r.size;
		},
		dispose() {
			e.terminate();
			for (let { reject: e } of r.values()) e(/* @__PURE__ */ Error("the layout worker was stopped"));
			r.clear();
		}
	};
}
// src/early_start.ts
var ve = null;
function ye() {
	return D(location.hash || ee());
}
function be(e, t = me) {
	let n = t(), r = s(e.graph, [...e.state.open].sort());
	return r.catch(() => {}), {
		link: e,
		worker: n,
		start: r
	};
}
function xe() {
	ve ??= be(ye());
}
function Se() {
	let e = ve;
	return ve = null, e;
}
// src/view_state.ts
var Ce = {
	open: /* @__PURE__ */ new Set(),
	members: /* @__PURE__ */ new Map(),
	unstacked: /* @__PURE__ */ new Set(),
	selection: null
};
function we(e) {
	return e.startsWith("m:") || e.startsWith("s:") ? e.slice(2) : null;
}
function Te(e, t) {
	let n = we(t);
	return n !== null && e.open.has(n);
}
function Ee(e, t, n) {
	let r = we(t);
	if (r === null) return e;
	let i = new Set(e.open).add(r), { members: a, unstacked: o } = e;
	if (t.startsWith("s:") && n !== void 0) {
		let e = new Map(a);
		n === r ? e.delete(t) : e.set(t, n), a = e, o = Le(o, t);
	}
	return {
		...e,
		open: i,
		members: a,
		unstacked: o
	};
}
function De(e, t, n = []) {
	let r = we(t);
	if (r === null) return e;
	let i = [r, ...n], a = (e) => i.some((t) => e === t || Ie(e, t)), o = new Set([...e.open].filter((e) => !a(e))), s = new Map([...e.members].filter(([e]) => e !== t && !a(e.slice(2)))), c = new Set([...e.unstacked].filter((e) => e !== t && !a(e.slice(2))));
	return {
		...e,
		open: o,
		members: s,
		unstacked: c
	};
}
function Oe(e, t, n = []) {
	return Te(e, t) ? De(e, t, n) : Ee(e, t);
}
function ke(e, t, n) {
	return Ee(e, t, n);
}
function Ae(e, t, n) {
	let r = Ne(e, t), i = ke(e, t, n), a = e.selection;
	if (!a?.startsWith("m:")) return i;
	let o = a.slice(2);
	return o !== r && !Ie(o, r) ? i : Me(i, `m:${n}${o.slice(r.length)}`);
}
function je(e, t, n) {
	let r = n ? Ee(e, t) : e, i = n ? new Set(r.unstacked).add(t) : Le(r.unstacked, t);
	return {
		...r,
		unstacked: i
	};
}
function Me(e, t) {
	return t === e.selection ? e : {
		...e,
		selection: t
	};
}
function Ne(e, t) {
	return e.members.get(t) ?? t.slice(2);
}
function Pe(e, t) {
	let n = e;
	t.slice(0, -1).forEach((e) => {
		if (e.item === null) throw Error(`reveal step in view '${e.view}' has no item, yet it is not the last step`);
		n = e.item.startsWith("s:") ? Ee(n, e.item, e.member ?? e.item.slice(2)) : Ee(n, e.item);
	});
	let r = t[t.length - 1];
	return r ? Me(n, r.item) : n;
}
function Fe(e) {
	let t = e[e.length - 1];
	return t ? t.item ?? e[e.length - 2]?.item ?? null : null;
}
function Ie(e, t) {
	return t === "" ? e !== "" : e.length > t.length && e.startsWith(t) && /[./]/.test(e[t.length]);
}
function Le(e, t) {
	if (!e.has(t)) return e;
	let n = new Set(e);
	return n.delete(t), n;
}
// src/selection.ts
function Re(e, t) {
	let n = t && e.find((e) => e.run === t.run && e.tag === t.tag && e.source === t.source), r = n || t && e.find((e) => e.run === t.run) || e[0];
	if (!r) return null;
	let i = n && t ? t.step : null, a = ze(r);
	return {
		listing: r,
		step: i !== null && a.includes(i) ? i : Be(a)
	};
}
function ze(e) {
	return e.steps.filter((e) => e.error === null).map((e) => e.step);
}
function Be(e) {
	return e.reduce((e, t) => e === null || t > e ? t : e, null);
}
// src/view/dom.ts
function R(e, t = {}, ...n) {
	let r = document.createElement(e);
	return Ve(r, t, "h"), He(r, ...n), r;
}
function Ve(e, t, n) {
	for (let [r, i] of Object.entries(t)) {
		if (/^on/i.test(r)) throw Error(`${n}(): set "${r}" with addEventListener, not as an attribute`);
		i != null && i !== !1 && e.setAttribute(r, i === !0 ? "" : String(i));
	}
}
function He(e, ...t) {
	for (let n of t) n != null && n !== !1 && e.appendChild(typeof n == "string" ? document.createTextNode(n) : n);
}
function z(e, ...t) {
	e.replaceChildren(), He(e, ...t);
}
function B(e, t, n = {}) {
	let r = new Option(t, e);
	return r.disabled = n.disabled ?? !1, n.title && (r.title = n.title), r;
}
var Ue = "http://www.w3.org/2000/svg";
function V(e, t = {}, ...n) {
	let r = document.createElementNS(Ue, e);
	return Ve(r, t, "svg"), He(r, ...n), r;
}
// src/format.ts
var We = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
function H(e) {
	return We.format(e);
}
var Ge = [
	"",
	"K",
	"M",
	"B",
	"T"
];
function U(e) {
	return Je(e, 1e3, Ge, "");
}
var Ke = [
	"B",
	"KB",
	"MB",
	"GB",
	"TB"
];
function qe(e) {
	return Je(e, 1024, Ke, " ", (e) => +(e < 10));
}
function Je(e, t, n, r, i = () => 1) {
	if (!Number.isFinite(e)) return String(e);
	let a = e < 0 ? "-" : "", o = Math.abs(e), s = 0;
	for (; o >= t && s < n.length - 1;) o /= t, s += 1;
	if (s === 0) return `${a}${Math.round(o)}${r}${n[0]}`.trimEnd();
	let c = o.toFixed(i(o));
	return Number(c) >= t && s < n.length - 1 && (s += 1, c = (Number(c) / t).toFixed(i(Number(c) / t))), `${a}${c.replace(/\.0$/, "")}${r}${n[s]}`;
}
function Ye(e, t) {
	return `${H(e)} ${t}${e === 1 ? "" : "s"}`;
}
function Xe(e, t) {
	if (!(e > 0)) return "—";
	if (t === e) return "0%";
	let n = 100 * (t - e) / e;
	return `${n < 0 ? "−" : "+"}${Math.abs(n).toFixed(1)}%`;
}
var Ze = [["graphfold.Backward", "∇"], ["graphfold.Optimizer", "Δ"]];
function Qe(e) {
	for (let [t, n] of Ze) {
		if (e === t) return n;
		if (e.startsWith(`${t}/`)) {
			let r = e.slice(t.length + 1);
			return `${n} ${r.slice(r.lastIndexOf(".") + 1)}`;
		}
	}
	return null;
}
function $e(e) {
	return e.split(" | ").every((e) => e === "graphfold.Backward" || e.startsWith("graphfold.Backward/"));
}
function et(e) {
	return "type" in e && (e.type === "module" || e.type === "stack") && "class_name" in e && typeof e.class_name == "string" && $e(e.class_name);
}
// src/summary.ts
function tt(e) {
	let t = e.summary;
	return {
		name: e.graph.name,
		sourceFormat: e.graph.source_format,
		producer: t.producer,
		capture: e.graph.capture ?? "",
		nodeCount: t.node_count,
		edgeCount: t.edge_count,
		moduleCount: t.module_count,
		parameterCount: t.parameter_count,
		classCounts: t.class_counts.map(([e, t]) => ({
			className: e,
			count: t
		})),
		topLevelModules: t.top_level_modules.map((e) => ({
			path: e.path,
			className: e.class_name,
			nodeCount: e.node_count
		})),
		rootNodeCount: t.root_node_count
	};
}
function nt(e) {
	return Qe(e) ?? e.slice(e.lastIndexOf(".") + 1);
}
// src/variants.ts
function rt(e) {
	let t = e.variants.length;
	return t ? `×${e.count} · ${Ye(t, "variant")}` : `×${e.count}`;
}
function it(e, t) {
	return e.variants.find((e) => e.member === t) ?? null;
}
function at(e) {
	return `+${H(e.adds_count)} −${H(e.lacks_count)} nodes`;
}
function ot(e, t, n) {
	let r = it(e, e.members[t] ?? ""), i = `${n} · ${U(e.member_parameter_counts[t] ?? 0)} params`;
	return r ? `${i} · variant (${at(r)})` : i;
}
function st(e) {
	return {
		title: `${e.member}: ${at(e)} (${Ye(e.edits, "edit")})`,
		adds: e.adds_count ? `Adds ${ct(e.adds, e.adds_count)}` : null,
		lacks: e.lacks_count ? `Lacks ${ct(e.lacks, e.lacks_count)}` : null
	};
}
function ct(e, t) {
	let n = t - e.length;
	return n > 0 ? `${e.join(", ")} and ${H(n)} more` : e.join(", ");
}
var lt = [
	"graphfold.Helper",
	"graphfold.Outputs",
	"graphfold.Ops"
], W = "Roboto, \"Segoe UI\", system-ui, sans-serif", ut = 64, dt = 112, ft = 260;
function pt(e) {
	return [e.badge ? `${e.title} ${e.badge}` : e.title, e.subtitle].filter(Boolean).join(" · ");
}
var mt = null;
function ht(e) {
	mt = e;
}
function G(e, t, n = !1) {
	if (mt) return mt(e, t, n);
	let r = 0;
	for (let t of e) r += /[ilj.,:;'|!()[\]{} ]/.test(t) ? .32 : /[A-Z_mwMW@%]/.test(t) ? .72 : .56;
	return r * t * (n ? 1.06 : 1);
}
function gt(e) {
	if (e.startsWith("aten.")) return e.split(".")[1] || e;
	let t = e.lastIndexOf("::");
	return t >= 0 ? e.slice(t + 2) : e;
}
function _t(e) {
	return e.split(" | ").map((e) => nt(e)).join(" | ");
}
function vt(e) {
	return e === null ? "?" : e.length ? e.join("×") : "scalar";
}
function K(e) {
	return `${vt(e.shape)} ${e.dtype}`.trim();
}
function yt(e) {
	let t = e.map(bt);
	return t.length <= 3 ? t.join(", ") : `${t[0]} … ${t[t.length - 1]}`;
}
function bt(e) {
	let t = e.split("."), n = t[t.length - 1] ?? e;
	return /^\d+$/.test(n) && t.length > 1 ? `${t[t.length - 2]}.${n}` : n;
}
function xt(e) {
	return _t(e.class_name) || bt(e.representative);
}
function q(e) {
	return "type" in e && e.type === "module" && "class_name" in e && lt.includes(e.class_name);
}
function St(e) {
	let t = e.class_name === "graphfold.Outputs" ? "output" : "op", n = e.class_name === "graphfold.Outputs" ? "outputs" : e.class_name === "graphfold.Ops" ? "loose ops" : "helper";
	return {
		title: e.name,
		subtitle: `${H(e.node_count)} ${t}${e.node_count === 1 ? "" : "s"}`,
		info: n
	};
}
function Ct(e, t) {
	let n = [], r = t;
	for (let t of e) {
		let e = r !== "" && t.length > r.length + 1 && t.startsWith(r) && /[./]/.test(t[r.length]);
		n.push(e ? t.slice(r.length + 1) : t), r = t;
	}
	return n.join(" › ");
}
function wt(e, t) {
	let n = [];
	return e > 0 && n.push(`${U(e)} params`), n.push(`${H(t)} node${t === 1 ? "" : "s"}`), n.join(" · ");
}
function Tt(e) {
	switch (e.type) {
		case "module": {
			if (q(e)) return St(e);
			let t = nt(e.class_name);
			return {
				title: t || e.name,
				subtitle: t ? e.name : "",
				info: wt(e.parameter_count, e.node_count)
			};
		}
		case "stack": return {
			title: xt(e),
			subtitle: yt(e.members),
			info: wt(e.parameter_count, e.node_count * e.count),
			badge: rt(e)
		};
		case "input":
		case "output": {
			let t = e.outputs[0];
			return {
				title: e.name,
				subtitle: t ? K(t) : e.type,
				info: ""
			};
		}
		default: {
			let t = gt(e.op);
			return {
				title: t,
				subtitle: t === e.name ? "" : e.name,
				info: ""
			};
		}
	}
}
function Et(e) {
	return {
		title: e.output ? `${e.node}:${e.output}` : e.node,
		subtitle: vt(e.shape),
		info: ""
	};
}
function Dt(e, t = Tt(e)) {
	let n = t.badge ? G(t.badge, 10, !0) + 18 : 0, r = Math.max(G(t.title, 12, !0) + n, G(t.subtitle, 10), G(t.info, 10)), i = e.type === "module" || e.type === "stack", a = i ? dt : ut, o = At(Math.ceil(r + 24), a, ft), s = i ? 54 : e.type === "input" || e.type === "output" ? 34 : 38, c = e.type === "stack" ? 10 : 0;
	return {
		width: o + c,
		height: s + c
	};
}
function Ot(e) {
	let t = G(e.title, 10, !0) + 6 + G(e.subtitle, 10);
	return {
		width: At(Math.ceil(t + 16), 40, ft),
		height: 20
	};
}
function kt(e, t) {
	return Math.ceil(G(e, 12, !0) + G(t, 10) + 36 + 24);
}
function At(e, t, n) {
	return Math.min(n, Math.max(t, e));
}
// src/details.ts
function jt(e, t = null) {
	let n = e.json, r = e.view;
	if (!("type" in n)) return Pt(e, n);
	switch (n.type) {
		case "module":
		case "stack": return Nt(n, r);
		default: return Mt(n, r, t?.name === n.name ? t : null);
	}
}
function Mt(e, t, n) {
	let r = [
		["Op", e.op],
		["Kind", e.type],
		["Module", t.module.path || "(root)"],
		["Class", t.module.class_name || "(unknown)"]
	];
	return e.parameter_count && r.push(["Parameters", H(e.parameter_count)]), {
		heading: e.name,
		note: null,
		kind: e.type === "op" ? "Operator" : e.type === "input" ? "Graph input" : e.type === "output" ? "Graph output" : e.type,
		facts: r,
		inputs: n ? It(n) : Ft(e.id, t),
		outputs: [...e.outputs.map((e) => Rt(e, null)), ...Lt(e.id, t)],
		attributes: n ? Object.entries(n.attrs).map(([e, t]) => [e, zt(t)]) : [],
		embedded: e.embedded.map((e) => ({
			text: e.node,
			note: `${e.kind === "op" ? gt(e.op) : e.kind} → input ${e.input}: ${K(e)}${e.parameter_count ? ` · ${U(e.parameter_count)} params` : ""}`,
			target: null
		})),
		checks: e.checks.map((e) => ({
			text: e.name,
			note: gt(e.op),
			target: null
		})),
		differences: [],
		needsNode: n === null
	};
}
function Nt(e, t) {
	let n = [], r = e.type === "module" && q(e);
	if (r) {
		let t = e.class_name === "graphfold.Outputs" ? "graph outputs under one field (a key/value cache, say)" : e.class_name === "graphfold.Ops" ? "operators of the model's own forward, outside its modules" : "computations beside the model (masks, position ids) that feed its layers";
		n.push(["Path", e.path], ["Grouped", t]), n.push(["Nodes", H(e.node_count)]);
	} else if (e.type === "module") n.push(["Path", e.path], ["Class", e.class_name || "(unknown)"]), n.push(["Parameters", H(e.parameter_count)], ["Nodes", H(e.node_count)]);
	else {
		n.push(["Class", e.class_name || "(unknown)"], ["Members", H(e.count)]), n.push(["Representative", e.representative]);
		let t = e.variants.length ? "in the representative" : "each";
		n.push(["Parameters", `${H(e.parameter_count)} in all`], ["Nodes", `${H(e.node_count)} ${t}`]);
	}
	return e.wrappers?.length && n.push(["Wrapped by", e.wrappers.join(" › ")]), n.push(["In module", t.module.path || "(root)"]), {
		heading: (e.type === "module" ? e.path : `${_t(e.class_name)} ${rt(e)}`) || "(root)",
		kind: r ? "Helper region (grouped by GraphFold, not a module of the model)" : e.type === "module" ? "Module" : "Stack of isomorphic modules",
		note: null,
		facts: n,
		inputs: Ft(e.id, t),
		outputs: Lt(e.id, t),
		attributes: [],
		embedded: e.type === "stack" ? e.members.map((t, n) => ({
			text: bt(t),
			note: `${t} · ${U(e.member_parameter_counts[n] ?? 0)} params${it(e, t) ? " · variant" : ""}`,
			target: {
				kind: "member",
				stack: e.id,
				member: t
			}
		})) : [],
		checks: [],
		differences: e.type === "stack" ? e.differences : [],
		needsNode: !1
	};
}
function Pt(e, t) {
	let n = t.id.startsWith("in:");
	return {
		heading: t.output ? `${t.node}:${t.output}` : t.node,
		kind: n ? `Input of ${e.view.module.path || "the root"}` : `Output of ${e.view.module.path || "the root"}`,
		note: null,
		facts: [["Tensor", K(t)]],
		inputs: n ? [Rt(t, {
			kind: "node",
			name: t.node
		})] : [],
		outputs: n ? [] : [Rt(t, {
			kind: "node",
			name: t.node
		})],
		attributes: [],
		embedded: [],
		checks: [],
		differences: [],
		needsNode: !1
	};
}
function Ft(e, t) {
	let n = [];
	for (let r of t.edges) if (r.target === e) {
		for (let e of r.tensors) n.push(Rt(e, {
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
		...Rt(r, {
			kind: "node",
			name: r.node
		}),
		note: `${K(r)} · from outside ${t.module.path || "the root"}`
	});
	for (let r of t.ports) r.item === e && r.direction === "in" && n.push({
		...Rt(r, {
			kind: "node",
			name: r.node
		}),
		note: `${K(r)} · pruned (${r.reason})`
	});
	return n;
}
function It(e) {
	return e.producers.map(({ node: e, output: t, kind: n, ...r }) => {
		let i = n === "parameter" || n === "buffer" || n === "constant";
		return {
			text: t ? `${e}:${t}` : e,
			note: [n === null ? "" : K(r), i ? n : ""].filter(Boolean).join(" · "),
			target: {
				kind: "node",
				name: e
			}
		};
	});
}
function Lt(e, t) {
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
		note: K(r),
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
function Rt(e, t) {
	return {
		text: e.output ? `${e.node}:${e.output}` : e.node,
		note: K(e),
		target: t
	};
}
function zt(e) {
	return Array.isArray(e) ? `[${e.join(", ")}]` : String(e);
}
function Bt(e) {
	let t = (e) => e == null ? "(absent)" : Array.isArray(e) ? `[${e.join(", ")}]` : String(e);
	return `${e.module}: ${e.member_node} ${e.field} ${t(e.representative)} → ${t(e.member)} (representative: ${e.node})`;
}
// src/hidden_nodes.ts
var Vt = {
	dead: ["unused operator", "unused operators"],
	check: ["export check", "export checks"],
	plumbing: ["plumbing operator", "plumbing operators"]
}, Ht = {
	dead: "unused operator — its result reaches no graph output",
	check: "export check — listed in the details of the node it checks",
	plumbing: "plumbing (a container op, or a reshape or cast that changes nothing) — drawn as the edges through it"
}, Ut = "Hidden nodes are not drawn, but search finds them: search a name or op (e.g. arange); choosing a hit marked hidden opens its module and shows its details. Export checks are listed in the details of the node they check.", Wt = [
	"dead",
	"check",
	"plumbing"
];
function Gt(e, t) {
	let [n, r] = Vt[e];
	return `${H(t)} ${t === 1 ? n : r}`;
}
function Kt(e) {
	return Wt.filter((t) => e[t] > 0).map((t) => `${Gt(t, e[t])} hidden`).join(" · ");
}
function qt(e, t) {
	let n = Wt.filter((e) => t[e] > 0).map((e) => Gt(e, t[e])).join(" · ");
	return n ? {
		...e,
		facts: [...e.facts, ["Hidden directly in it", n]]
	} : e;
}
function Jt(e) {
	return e === null ? null : e === "dead" ? "unused" : e;
}
function Yt(e) {
	let t = e.reveal[e.reveal.length - 1];
	if (!t || t.item !== null || e.hidden === null) return null;
	let { op: n, kind: r, module: i, class_name: a } = e;
	return {
		name: e.node,
		hidden: e.hidden,
		op: n,
		kind: r,
		module: i,
		class_name: a
	};
}
function Xt(e, t) {
	let n = t?.name === e.name ? t : null, r = n?.module ?? e.module, i = e.class_name ?? n?.class_name, a = [], o = n?.op ?? e.op;
	o !== void 0 && a.push(["Op", o]), a.push(["Kind", n?.kind ?? e.kind ?? "op"]), r !== void 0 && a.push(["Module", r || "(root)"]), i && a.push(["Class", i]);
	let s = (n?.outputs ?? []).map((t, n) => ({
		text: n ? `${e.name}:${n}` : e.name,
		note: K(t),
		target: null
	}));
	for (let [e, t] of n?.consumers ?? []) s.push({
		text: e,
		note: `input ${t}`,
		target: {
			kind: "node",
			name: e
		}
	});
	return {
		heading: e.name,
		kind: `Hidden ${Vt[e.hidden][0]}`,
		note: `Hidden: ${Ht[e.hidden]}`,
		facts: a,
		inputs: n ? It(n) : [],
		outputs: s,
		attributes: n ? Object.entries(n.attrs).map(([e, t]) => [e, zt(t)]) : [],
		embedded: [],
		checks: [],
		differences: [],
		needsNode: n === null
	};
}
var Zt = 20, Qt = 16, $t = 22, en = 34;
function tn(e) {
	let t = typeof performance > "u" ? 0 : performance.now(), n = new Map(e.nodes.map((e, t) => [e.id, t])), r = /* @__PURE__ */ new Map();
	e.nodes.forEach((e, t) => e.ports?.forEach((e) => r.set(e.id, {
		node: t,
		x: e.x,
		y: e.y
	})));
	let i = (e, t) => (t === void 0 ? void 0 : r.get(t)?.node) ?? n.get(e), a = e.nodes.length, o = Array.from({ length: a }, () => []), s = Array.from({ length: a }, () => []), c = Array(a).fill(0);
	for (let t of e.edges) {
		let e = i(t.source, t.sourcePort), n = i(t.target, t.targetPort);
		if (e === void 0 || n === void 0 || e === n) continue;
		let [r, a] = t.reversed ? [n, e] : [e, n];
		o[r].push(a), s[a].push(r), c[a] += 1;
	}
	let l = Array(a).fill(0), u = [];
	for (let e = 0; e < a; e++) c[e] === 0 && u.push(e);
	let d = Array(a).fill(!1);
	for (let e = 0; e < u.length; e++) {
		let t = u[e];
		d[t] = !0;
		for (let e of o[t]) l[e] = Math.max(l[e], l[t] + 1), --c[e] === 0 && u.push(e);
	}
	let f = nn(l);
	for (let e = 0; e < a; e++) d[e] || (l[e] = f + 1);
	f = nn(l), e.nodes.forEach((e, t) => {
		e.layer === "first" ? l[t] = 0 : e.layer === "last" && (l[t] = f + 1);
	});
	let p = [];
	for (let e = 0; e < a; e++) (p[l[e]] ??= []).push(e);
	let m = e.direction === "RIGHT" ? "height" : "width", h = e.direction === "RIGHT" ? "width" : "height", g = Array(a).fill(0), _ = p.map((t = []) => t.reduce((t, n) => t + e.nodes[n][m], 0) + $t * Math.max(0, t.length - 1)), v = nn(_), y = Array(a), b = e.direction === "RIGHT" ? Zt : Qt;
	p.forEach((t = [], n) => {
		let r = (e) => {
			let t = s[e];
			return t.length ? t.reduce((e, t) => e + g[t], 0) / t.length : Infinity;
		}, i = t.map((e) => [r(e), e]).sort((e, t) => e[0] === t[0] ? e[1] - t[1] : e[0] < t[0] ? -1 : 1), a = (e.direction === "RIGHT" ? Qt : Zt) + (v - _[n]) / 2, o = 0;
		for (let [, t] of i) {
			let n = e.nodes[t];
			g[t] = a + n[m] / 2;
			let [r, i] = e.direction === "RIGHT" ? [b, a] : [a, b];
			y[t] = {
				id: n.id,
				x: r,
				y: i,
				width: n.width,
				height: n.height
			}, a += n[m] + $t, o = Math.max(o, n[h]);
		}
		b += o + en;
	});
	let x = e.edges.map((e) => ({
		id: e.id,
		points: [...T(e.source, e.sourcePort, e.target), ...T(e.target, e.targetPort, e.source)]
	})), [S, C] = e.direction === "RIGHT" ? [b - en + Zt, v + 32] : [v + 40, b - en + Qt], w = (typeof performance > "u" ? 0 : performance.now()) - t;
	return {
		key: e.key,
		width: Math.max(S, 40),
		height: Math.max(C, 32),
		nodes: y.filter(Boolean),
		edges: x,
		ms: w
	};
	function T(t, i, a) {
		let o = n.get(t), s = o === void 0 ? void 0 : y[o];
		if (!s) return [0, 0];
		let c = i === void 0 ? void 0 : r.get(i);
		if (c) return [s.x + c.x, s.y + c.y];
		let l = n.get(a), u = l !== void 0 && y[l] ? e.direction === "RIGHT" ? y[l].x > s.x : y[l].y > s.y : !0;
		return e.direction === "RIGHT" ? [u ? s.x + s.width : s.x, s.y + s.height / 2] : [s.x + s.width / 2, u ? s.y + s.height : s.y];
	}
}
function nn(e) {
	let t = 0;
	for (let n of e) n > t && (t = n);
	return t;
}
// src/expansion.ts
function rn(e) {
	let t = e.chain[e.chain.length - 1];
	if (!t) throw Error(`opened item ${e.itemId} has no view`);
	return t;
}
async function an(e, t) {
	return on(e, t, "m:", "root", "", null, null);
}
async function on(e, t, n, r, i, a, o) {
	let s = [await t(i)];
	for (let e = cn(s[0]); e; e = cn(s[s.length - 1])) s.push(await t(e.path));
	let c = s[s.length - 1], l = await Promise.all(c.children.filter((t) => Te(e, t.id)).map((n) => sn(e, t, n)));
	return {
		itemId: n,
		kind: r,
		chain: s,
		stack: a,
		member: o,
		children: new Map(l.map((e) => [e.itemId, e]))
	};
}
function sn(e, t, n) {
	switch (n.type) {
		case "module": return on(e, t, n.id, "module", n.path, null, null);
		case "stack": return e.unstacked.has(n.id) ? Promise.resolve(ln(n)) : on(e, t, n.id, "stack", Ne(e, n.id), n, Ne(e, n.id));
		default: throw Error(`item ${n.id} is an operator and cannot be opened`);
	}
}
function cn(e) {
	let [t, ...n] = e.children;
	return t && !n.length && t.type === "module" && t.node_count > 0 ? t : null;
}
function ln(e) {
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
			collapsed: 0,
			dead: 0,
			check: 0,
			contracted: 0,
			through: 0
		},
		hidden: {
			dead: 0,
			check: 0,
			plumbing: 0
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
function un(e) {
	return `${e.node}:${e.output}`;
}
function dn(e, t, n, r = e.module.path || "the root") {
	let i = [];
	for (let t of e.boundary.inputs) i.push({
		id: t.id,
		...Ot(Et(t)),
		layer: "first"
	});
	for (let n of e.children) {
		let e = t.get(n.id);
		if (!e) {
			i.push({
				id: n.id,
				...Dt(n)
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
		...Ot(Et(t)),
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
			let i = un(r), a = [fn(t.get(n.source), i, "out"), fn(t.get(n.target), i, "in")];
			e.set(a.join("\0"), a);
		}
		e.size || e.set("", [fn(t.get(n.source), "", "out"), fn(t.get(n.target), "", "in")]), [...e.values()].forEach(([e, t], r) => s(n.id, {
			source: n.source,
			target: n.target,
			sourcePort: e,
			targetPort: t,
			reversed: n.reversed
		}, r));
	}
	for (let n of e.boundary.inputs) for (let e of n.targets) {
		let r = fn(t.get(e), un(n), "in");
		s(`${n.id}->${e}`, {
			source: n.id,
			target: e,
			targetPort: r,
			reversed: !1
		}, 0);
	}
	for (let n of e.boundary.outputs) {
		let e = fn(t.get(n.source), un(n), "out");
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
function fn(e, t, n) {
	if (e) return ((n === "in" ? e.inPorts : e.outPorts).find((e) => e.tensor === t) ?? (n === "in" ? e.middleIn : e.middleOut)).id;
}
// src/layout_tree.ts
async function pn(e, t) {
	let n = await Promise.all([...e.children].map(async ([e, n]) => [e, await pn(n, t)])), r = new Map(n), i = rn(e), a = mn(e, r), { input: o, edgeOf: s } = dn(i, new Map([...r].map(([e, t]) => [e, t.frame])), a, e.member ?? (i.module.path || "the root")), c = e.kind === "unstacked" ? i.edges.length ? await t({
		...o,
		direction: "RIGHT"
	}) : bn(o) : await t(o);
	return {
		node: e,
		view: i,
		input: o,
		edgeOf: s,
		layout: c,
		frame: gn(e, i, c),
		children: r
	};
}
function mn(e, t) {
	let n = rn(e), r = [...t].map(([e, t]) => `${e}=${t.frame.width}x${t.frame.height}(${t.layout.key})`).sort().join(",");
	return `${e.kind === "unstacked" ? "row" : "view"}:${n.module.path}[${r}]`;
}
function hn(e) {
	let t = e.chain[0]?.module, n = e.stack;
	switch (e.kind) {
		case "root": return {
			title: "",
			subtitle: "",
			info: ""
		};
		case "module": return t && q(t) ? St(t) : {
			title: _t(t?.class_name ?? "") || t?.name || "",
			subtitle: e.chain.map((e) => e.module.name).join(" › "),
			info: t ? wt(t.parameter_count, t.node_count) : ""
		};
		case "stack": {
			let t = e.chain[0].module, r = e.chain.slice(1).map((e) => e.module.name);
			return {
				title: n ? xt(n) : "",
				badge: n ? rt(n) : void 0,
				subtitle: [bt(e.member ?? ""), ...r].join(" › "),
				info: wt(t.parameter_count, t.node_count)
			};
		}
		case "unstacked": return {
			title: n ? xt(n) : "",
			badge: n ? rt(n) : void 0,
			subtitle: "members side by side",
			info: n ? wt(n.parameter_count, n.node_count * n.count) : ""
		};
	}
}
function gn(e, t, n) {
	let r = hn(e), i = e.kind === "root", a = i ? 0 : 30, o = e.kind === "stack" || e.kind === "unstacked" ? 10 : 0, s = Math.max(n.width, i ? 0 : kt(`${r.title} ${r.badge ?? ""}  ${r.subtitle}`, r.info)), c = a + n.height, l = Math.round((s - n.width) / 2), u = new Map(n.nodes.map((e) => [e.id, e])), d = (t, n, r) => {
		let i = u.get(t);
		return i ? {
			id: `${e.itemId}\u0001${t}`,
			tensor: n,
			x: l + i.x + i.width / 2,
			y: r
		} : null;
	}, f = t.boundary.inputs.flatMap((e) => d(e.id, un(e), 0) ?? []), p = t.boundary.outputs.flatMap((e) => d(e.id, un(e), c) ?? []);
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
var _n = 20, vn = 20, yn = 12;
function bn(e) {
	let t = [], n = vn, r = vn, i = 0, a = 0;
	return e.nodes.forEach((e, o) => {
		o && o % yn === 0 && (n = vn, r += i + _n, i = 0), t.push({
			id: e.id,
			x: n,
			y: r,
			width: e.width,
			height: e.height
		}), n += e.width + _n, a = Math.max(a, n - _n + vn), i = Math.max(i, e.height);
	}), {
		key: e.key,
		width: a,
		height: r + i + vn,
		nodes: t,
		edges: [],
		ms: 0
	};
}
// src/scene.ts
var xn = 9, Sn = 3;
function Cn(e) {
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
	wn(t, e, 0, 0, 0);
	for (let e of t.items) t.byId.set(e.id, e);
	let n = /* @__PURE__ */ new Map();
	for (let e of t.views.values()) for (let t of e.ports) n.set(t.item, [...n.get(t.item) ?? [], t]);
	for (let [e, r] of n) {
		let n = t.byId.get(e);
		n && t.ports.push(...En(n, r));
	}
	return t.bounds = On(t), t;
}
function wn(e, t, n, r, i) {
	let { view: a, layout: o, frame: s } = t, c = n + s.contentX, l = r + s.contentY;
	e.views.set(a.module.path, a);
	for (let n of t.node.chain) e.views.set(n.module.path, n);
	let u = new Map(a.children.map((e) => [e.id, e])), d = new Map([...a.boundary.inputs, ...a.boundary.outputs].map((e) => [e.id, e])), f = t.node.itemId;
	for (let n of o.nodes) {
		let r = c + n.x, o = l + n.y, s = u.get(n.id);
		if (!s) {
			let t = d.get(n.id);
			t && e.items.push(Tn(t, n, r, o, i, f, a));
			continue;
		}
		let p = t.children.get(n.id), m = p ? p.frame.lines : Tt(s), h = {
			id: s.id,
			type: s.type === "module" || s.type === "stack" || s.type === "input" || s.type === "output" ? s.type : "op",
			open: !!p,
			openAs: p ? p.node.kind : null,
			depth: i,
			lines: m,
			label: pt(m),
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
			wn(e, p, r, o, i + 1);
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
			bounds: Dn(o),
			parent: f,
			json: i
		});
	}
}
function Tn(e, t, n, r, i, a, o) {
	let s = Et(e);
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
function En(e, t) {
	let n = [], r = e.x + e.width - e.pile - 12;
	for (let i of ["in", "out"]) {
		let a = r, o = i === "in" ? e.y : e.y + e.height - e.pile, s = i === "in" ? o - xn : o + xn;
		for (let r of t.filter((e) => e.direction === i)) {
			let t = i === "out" && r.edges.length > 1 ? `${r.label} ×${r.edges.length}` : r.label, c = G(t, 9);
			a -= c + Sn + 4;
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
function Dn(e) {
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
function On(e) {
	let t = e.bounds.x, n = e.bounds.y, r = e.bounds.x + e.bounds.width, i = e.bounds.y + e.bounds.height;
	for (let a of [...e.items, ...e.ports.map((e) => e.hit)]) t = Math.min(t, a.x), n = Math.min(n, a.y), r = Math.max(r, a.x + a.width), i = Math.max(i, a.y + a.height);
	return {
		x: t,
		y: n,
		width: r - t,
		height: i - n
	};
}
function kn(e) {
	return rn(e).children.length >= 1e3 || [...e.children.values()].some(kn);
}
var An = class {
	key;
	api;
	layout;
	listener;
	peek;
	state;
	scene = null;
	layoutMs = 0;
	views = /* @__PURE__ */ new Map();
	graphJson = null;
	statsJson = null;
	nodes = /* @__PURE__ */ new Map();
	loadedNodes = /* @__PURE__ */ new Map();
	firstScene;
	markFirstScene;
	wanted = null;
	running = null;
	closedFlag = !1;
	draftShown = !1;
	autoOpen = !0;
	constructor(e, t, n, r, i = Ce, a = null) {
		this.key = e, this.api = t, this.layout = n, this.listener = r, this.peek = a, this.state = i, this.firstScene = new Promise((e) => this.markFirstScene = e);
	}
	seedViews(e) {
		for (let [t, n] of Object.entries(e)) this.views.has(t) || this.views.set(t, Promise.resolve(n));
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
		this.closedFlag = !0, this.markFirstScene();
	}
	view(e) {
		let t = this.views.get(e);
		return t || (t = this.api.view(this.key, e), this.views.set(e, t), t.catch(() => this.views.delete(e))), t;
	}
	graph() {
		return this.graphJson || (this.graphJson = this.api.graph(this.key), this.graphJson.catch(() => this.graphJson = null)), this.graphJson;
	}
	node(e) {
		let t = this.nodes.get(e);
		return t || (t = this.api.node(this.key, e), this.nodes.set(e, t), t.then((t) => this.loadedNodes.set(e, t), () => this.nodes.delete(e))), t;
	}
	search(e) {
		return this.api.search(this.key, e);
	}
	stats() {
		return this.statsJson || (this.statsJson = this.firstScene.then(() => this.api.stats(this.key)), this.statsJson.catch(() => this.statsJson = null)), this.statsJson;
	}
	async reveal(e) {
		let t = await this.api.locate(this.key, e);
		return await this.revealSteps(t), t;
	}
	revealSteps(e) {
		return this.show(Pe(this.state, e.reveal), Fe(e.reveal));
	}
	showScene(e, t, n, r = !1) {
		let i = this.draftShown;
		this.draftShown = r, this.scene = e, this.state = t, this.listener.scene(e, t, n, i), this.markFirstScene();
	}
	async drain() {
		for (; this.wanted && !this.closedFlag;) {
			let { state: e } = this.wanted, { focus: t } = this.wanted;
			this.wanted = null;
			try {
				this.autoOpen && (this.autoOpen = !1, e.open.size === 0 && (e = (await this.view("")).open?.reduce((e, t) => Ee(e, t), e) ?? e));
				let n = await an(e, (e) => this.view(e)), r = performance.now(), i = pn(n, this.layout);
				if (i.catch(() => {}), this.peek && kn(n) && !await jn(i, 120)) {
					let r = this.peek, i = await pn(n, async (e) => r(e) ?? tn(e));
					if (this.closedFlag || this.wanted) continue;
					this.showScene(Cn(i), e, t, !0);
				}
				let a = await i;
				if (this.layoutMs = performance.now() - r, this.closedFlag || this.wanted) continue;
				this.showScene(Cn(a), e, t);
			} catch (e) {
				if (this.closedFlag) return;
				this.markFirstScene(), this.listener.error(e instanceof Error ? e.message : String(e));
			}
		}
	}
};
function jn(e, t) {
	return new Promise((n) => {
		let r = setTimeout(() => n(!1), t), i = () => {
			clearTimeout(r), n(!0);
		};
		e.then(i, i);
	});
}
// src/view/breadcrumbs.ts
function Mn(e, t, n) {
	let r = [], i = t ? e.byId.get(t) : void 0;
	for (; i;) r.unshift({
		id: i.id,
		label: Nn(i)
	}), i = e.byId.get(i.parent);
	return r.unshift({
		id: "m:",
		label: n || "graph"
	}), r;
}
function Nn(e) {
	if (e.type === "module" || e.type === "stack") {
		let t = q(e.json) ? e.lines.title : e.lines.badge ? `${e.lines.title} ${e.lines.badge}${e.open ? ` (${e.lines.subtitle})` : ""}` : e.lines.subtitle || e.lines.title, n = "wrappers" in e.json ? e.json.wrappers : void 0;
		return n?.length ? `${Ct(n, e.view.module.path)} › ${t}` : t;
	}
	return e.lines.subtitle || e.lines.title;
}
function Pn(e) {
	let t = R("nav", {
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
				n && a.push(R("span", {
					class: "gf-crumb-sep",
					"aria-hidden": "true"
				}, "›"));
				let r = R("button", {
					type: "button",
					class: "gf-crumb",
					title: t.id === "m:" ? "Show the whole graph" : t.id.slice(2)
				}, t.label);
				r.addEventListener("click", () => e(t.id)), a.push(r);
			}), z(t, ...a);
		}
	};
}
// src/view/camera.ts
var Fn = .002;
function In(e) {
	return Math.min(4, Math.max(Fn, e));
}
function Ln(e, t, n, r) {
	let i = In(e.scale * t), a = i / e.scale;
	return {
		scale: i,
		x: n - (n - e.x) * a,
		y: r - (r - e.y) * a
	};
}
function J(e, t, n) {
	return {
		...e,
		x: e.x + t,
		y: e.y + n
	};
}
function Rn(e, t, n, r = 24, i = 1) {
	let a = Math.max(1, t - 2 * r), o = Math.max(1, n - 2 * r), s = In(Math.min(i, a / Math.max(1, e.width), o / Math.max(1, e.height)));
	return {
		scale: s,
		x: t / 2 - (e.x + e.width / 2) * s,
		y: n / 2 - (e.y + e.height / 2) * s
	};
}
function zn(e, t, n) {
	return {
		x: -e.x / e.scale,
		y: -e.y / e.scale,
		width: t / e.scale,
		height: n / e.scale
	};
}
function Bn(e, t) {
	return {
		x: t.x * e.scale + e.x,
		y: t.y * e.scale + e.y,
		width: t.width * e.scale,
		height: t.height * e.scale
	};
}
function Vn(e, t, n) {
	return {
		x: (t - e.x) / e.scale,
		y: (n - e.y) / e.scale
	};
}
function Hn(e, t) {
	return e.x <= t.x + t.width && t.x <= e.x + e.width && e.y <= t.y + t.height && t.y <= e.y + e.height;
}
function Un(e, t, n) {
	return t >= e.x && t <= e.x + e.width && n >= e.y && n <= e.y + e.height;
}
// src/view/debug_api.ts
function Wn(e, t) {
	if (!e) return [];
	let n = [];
	for (let r of e.items) {
		if (r.type === "boundary") continue;
		let e = Bn(t, r);
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
		let e = Bn(t, r.hit);
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
function Gn(e, t) {
	if (!e) return [];
	let n = /* @__PURE__ */ new Map();
	for (let t of e.edges) n.has(t.id) || n.set(t.id, {
		id: t.id,
		reversed: t.reversed,
		highlighted: !1,
		gradient: t.json?.gradient ?? !1
	});
	for (let e of t) n.set(e.id, {
		id: e.id,
		reversed: !1,
		highlighted: !0,
		gradient: !1
	});
	return [...n.values()];
}
function Kn(e) {
	return e ? e.items.filter((e) => e.type !== "boundary").length + new Set(e.edges.map((e) => e.id)).size + e.ports.length : 0;
}
// src/view/details_panel.ts
function qn(e) {
	let t = R("section", {
		class: "gf-details",
		"data-testid": "details-panel",
		"aria-label": "Details"
	});
	function n(t, n) {
		return n.length ? R("section", {}, R("h3", {}, t), R("ul", { class: "gf-links" }, ...n.map((t) => {
			let n = t.target;
			return R("li", {}, n ? Jn(t.text, () => e(n)) : R("span", { class: "gf-link-text" }, t.text), t.note ? R("span", { class: "gf-note" }, t.note) : null);
		}))) : null;
	}
	function r(e) {
		e ? z(t, R("p", { class: "gf-kind" }, e.kind), R("h2", { class: "gf-path" }, e.heading), e.note ? R("p", {
			class: "gf-hidden-note",
			"data-testid": "details-note"
		}, e.note) : null, R("dl", { class: "gf-facts" }, ...e.facts.flatMap(([e, t]) => [R("dt", {}, e), R("dd", {}, t)])), n("Inputs", e.inputs), n("Outputs", e.outputs), e.attributes.length ? R("section", {}, R("h3", {}, "Attributes"), R("dl", { class: "gf-facts gf-attrs" }, ...e.attributes.flatMap(([e, t]) => [R("dt", {}, e), R("dd", {}, t)]))) : e.needsNode ? R("p", { class: "gf-muted" }, "Loading attributes…") : null, n(e.differences.length || e.kind.startsWith("Stack") ? "Members" : "Embedded parameters and constants", e.embedded), n("Export checks (hidden)", e.checks), e.differences.length ? R("section", {}, R("h3", {}, `Differences between members (${e.differences.length})`), R("ul", { class: "gf-diffs" }, ...e.differences.map((e) => R("li", {}, Bt(e))))) : null) : z(t, R("p", { class: "gf-muted" }, "Select an item to see its details. Double-click a module or stack to open it."));
	}
	return r(null), {
		element: t,
		show: r
	};
}
function Jn(e, t) {
	let n = R("button", {
		type: "button",
		class: "gf-link",
		"data-testid": "details-link",
		title: e
	}, e);
	return n.addEventListener("click", t), n;
}
// src/view/details_controller.ts
function Yn(e) {
	let t = qn(e.follow), n = null;
	function r(t, n, r) {
		e.track(t.node(n).then(r, (t) => e.reportError(`Could not load the details of ${n}: ${$n(t)}`)));
	}
	function i(n, i) {
		let a = null, o = () => e.session() === i && i.state.selection === n.id, s = () => {
			if (!o()) return;
			let e = jt(n, Zn(n, i));
			t.show(a ? qt(e, a) : e);
		};
		s();
		let c = Xn(n);
		c !== null && jt(n, Zn(n, i)).needsNode && r(i, c, s);
		let l = Qn(n, i);
		l !== null && e.track(i.view(l).then((e) => {
			a = e.hidden, s();
		}, (t) => e.reportError(`Could not load the view of ${l || "the root"}: ${$n(t)}`)));
	}
	function a(i, a) {
		let o = Xt(i, a.loadedNodes.get(i.name) ?? null);
		t.show(o), o.needsNode && r(a, i.name, () => {
			n === i && e.session() === a && a.state.selection === null && t.show(Xt(i, a.loadedNodes.get(i.name) ?? null));
		});
	}
	return {
		element: t.element,
		show(r) {
			let o = e.session();
			return r && (n = null), o ? r ? i(r, o) : n ? a(n, o) : t.show(null) : t.show(null);
		},
		showHidden(t) {
			n = t;
			let r = e.session();
			r && a(t, r);
		},
		unpin() {
			n = null;
		}
	};
}
function Xn(e) {
	let t = e.json;
	return "type" in t && t.type !== "module" && t.type !== "stack" ? t.name : null;
}
function Zn(e, t) {
	let n = Xn(e);
	return n === null ? null : t.loadedNodes.get(n) ?? null;
}
function Qn(e, t) {
	let n = e.json;
	return "type" in n ? n.type === "module" ? e.openAs === "unstacked" ? null : n.path : n.type === "stack" ? e.open ? Ne(t.state, n.id) : n.representative : null : null;
}
function $n(e) {
	return e instanceof Error ? e.message : String(e);
}
// src/overlay/color_scale.ts
var er = [
	"#fef0d9",
	"#fdbb84",
	"#e34a33"
], tr = [
	"#3c3d41",
	"#8a4416",
	"#c2461c"
];
function nr(e, t, n, r) {
	let i = (r) => {
		let i = t > e ? Math.min(1, Math.max(0, (r - e) / (t - e))) : .5;
		return Math.round((n === "high" ? i : 1 - i) * 31) / 31;
	};
	return {
		min: e,
		max: t,
		weak: n,
		intensity: i,
		color: (e) => rr(r, i(e))
	};
}
function rr(e, t) {
	let n = Math.min(1, Math.max(0, t)) * 2, [r, i, a] = n <= 1 ? [
		e[0],
		e[1],
		n
	] : [
		e[1],
		e[2],
		n - 1
	], o = or(r), s = or(i);
	return `#${o.map((e, t) => Math.round(e + (s[t] - e) * a).toString(16).padStart(2, "0")).join("")}`;
}
function ir(e, t, n = 5) {
	return Array.from({ length: n }, (r, i) => {
		let a = n > 1 ? i / (n - 1) : 0;
		return {
			offset: a,
			color: rr(t, e.weak === "high" ? a : 1 - a)
		};
	});
}
function ar(e) {
	let t = Infinity, n = -Infinity;
	for (let r of e) Number.isFinite(r) && (r < t && (t = r), r > n && (n = r));
	return t <= n ? [t, n] : null;
}
function or(e) {
	let t = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(e);
	if (!t) throw Error(`rampColor: "${e}" is not a #rrggbb colour`);
	return [
		parseInt(t[1], 16),
		parseInt(t[2], 16),
		parseInt(t[3], 16)
	];
}
var sr = 8, cr = 3;
function lr(e, t) {
	let n = e.width - e.pile, r = e.height - e.pile;
	return n * t < 56 || r * t < 30 ? null : {
		x: e.x + sr,
		y: e.y + r - 14 + cr / 2,
		width: n - 16,
		height: 14 - cr * 1.5
	};
}
function ur(e, t) {
	let [n, r] = ar(e) ?? [0, 0];
	return e.map((i, a) => {
		let o = t.x + (e.length > 1 ? a / (e.length - 1) * t.width : t.width / 2), s = r > n ? (i - n) / (r - n) : .5;
		return {
			x: o,
			y: Number.isFinite(i) ? t.y + t.height * (1 - s) : NaN
		};
	});
}
function dr(e, t, n, r, i) {
	let a = /* @__PURE__ */ new Set(), o = new Path2D(), s = new Path2D(), c = new Path2D(), l = 1 / r;
	for (let e of t) {
		let t = n.get(e.id), i = t && t.values.length > 1 ? lr(e, r) : null;
		if (!t || !i) continue;
		a.add(e.id), o.rect(i.x - 2, i.y - 1.5, i.width + 4, i.height + 3);
		let l = ur(t.values, i);
		l.filter((e) => Number.isFinite(e.y)).forEach((e, t) => t ? s.lineTo(e.x, e.y) : s.moveTo(e.x, e.y));
		let u = l[t.current];
		if (u && Number.isFinite(u.y)) {
			let e = 2.5 * Math.min(1, 1.5 / r);
			c.moveTo(u.x + e, u.y), c.arc(u.x, u.y, e, 0, 2 * Math.PI);
		}
	}
	return a.size && (e.save(), e.globalAlpha = .7, e.fillStyle = i.background, e.fill(o), e.restore(), e.lineWidth = Math.max(1, 1.2 * l), e.lineJoin = "round", e.strokeStyle = i.text, e.stroke(s), e.fillStyle = i.selection, e.fill(c)), a;
}
// src/view/culling.ts
function fr(e) {
	return {
		titles: 12 * e >= 5,
		subtitles: 10 * e >= 6,
		shapes: e >= .2,
		arrows: e >= .15,
		stubs: e >= .3
	};
}
function pr(e, t) {
	return e.width * t < 6 || e.height * t < 3;
}
function mr(e, t, n, r) {
	let i = zn(t, n, r), a = 12 / t.scale, o = {
		x: i.x - a,
		y: i.y - a,
		width: i.width + 2 * a,
		height: i.height + 2 * a
	}, s = fr(t.scale);
	return {
		items: e.items.filter((e) => Hn(e, o)),
		edges: e.edges.filter((e) => Hn(e.bounds, o)),
		ports: s.stubs ? e.ports.filter((e) => Hn(e.hit, o)) : []
	};
}
// src/view/renderer.ts
var hr = {
	selection: null,
	hover: null,
	ports: /* @__PURE__ */ new Set(),
	items: /* @__PURE__ */ new Set(),
	ghosts: []
}, gr = `600 12px ${W}`, _r = `10px ${W}`, vr = `700 10px ${W}`, yr = `9px ${W}`, br = 6, xr = [5, 3];
function Sr(e, t) {
	let { scene: n, camera: r, width: i, height: a, dpr: o, palette: s, emphasis: c } = t, l = t.overlay ?? null;
	e.setTransform(o, 0, 0, o, 0, 0), e.fillStyle = s.background, e.fillRect(0, 0, i, a), e.setTransform(o * r.scale, 0, 0, o * r.scale, o * r.x, o * r.y);
	let u = fr(r.scale), d = mr(n, r, i, a), f = 1 / r.scale, p = d.items.filter((e) => e.open), m = d.items.filter((e) => !e.open);
	for (let t of p) Cr(e, t, s, u, f, l?.fills.get(t.id));
	Er(e, d.edges, s, u, f, c), Dr(e, m, s, u, r.scale, f, l);
	let h = l?.sparklines ? dr(e, m, l.sparklines, r.scale, s) : /* @__PURE__ */ new Set();
	if (Or(e, n, s, u, f), kr(e, d.items, s, f, c), u.stubs && Ar(e, d.ports, s, f, c), u.titles) for (let t of m) pr(t, r.scale) || jr(e, t, s, u, h.has(t.id));
	return Mr(e, c.ghosts, s, f), {
		drawnNodes: d.items.length,
		drawnEdges: d.edges.length,
		drawnPorts: d.ports.length,
		drawnSparklines: h.size
	};
}
function Cr(e, t, n, r, i, a) {
	let o = t.width - t.pile, s = t.height - t.pile, c = t.pile > 0;
	if (e.lineWidth = Math.max(1, i), c && r.shapes) for (let r = 2; r >= 1; r--) {
		let i = new Path2D();
		Y(i, t.x + r * 5, t.y + r * 5, o, s, 8), e.fillStyle = n.stackFill, e.fill(i), e.strokeStyle = n.stackStroke, e.stroke(i);
	}
	let l = new Path2D();
	Y(l, t.x, t.y, o, s, r.shapes ? 8 : 0), e.fillStyle = n.background, e.fill(l), e.fillStyle = n.frameFills[t.depth % n.frameFills.length], e.fill(l);
	let u = new Path2D();
	Y(u, t.x, t.y, o, Math.min(30, s), r.shapes ? [
		8,
		8,
		0,
		0
	] : 0), e.fillStyle = a ?? (c ? n.stackFill : n.frameHeader), e.fill(u), e.strokeStyle = c ? n.stackStroke : et(t.json) ? n.gradient : n.frameStroke, e.setLineDash(q(t.json) ? xr : []), e.stroke(l), e.setLineDash([]), r.titles && wr(e, t, o, n, r);
}
function wr(e, t, n, r, i) {
	let a = t.y + 15 + 4, o = t.x + 12, s = t.x + n - 12, { lines: c } = t;
	e.textAlign = "left", e.font = gr, e.fillStyle = r.text;
	let l = Fr(e, c.title, Math.max(0, s - o));
	if (e.fillText(l, o, a), o += e.measureText(l).width + 8, c.badge && (o += Tr(e, c.badge, o, a - 4, r) + 8), !i.subtitles) return;
	e.font = _r, e.fillStyle = r.muted;
	let u = c.info ? e.measureText(c.info).width : 0;
	c.info && o + u < s && (e.textAlign = "right", e.fillText(c.info, s, a), e.textAlign = "left");
	let d = s - o - (u ? u + 12 : 0);
	d > 20 && e.fillText(Fr(e, c.subtitle, d), o, a);
}
function Tr(e, t, n, r, i) {
	e.font = vr;
	let a = e.measureText(t).width + 10, o = new Path2D();
	return Y(o, n, r - 8, a, 16, 8), e.fillStyle = i.badgeFill, e.fill(o), e.fillStyle = i.badgeText, e.textAlign = "center", e.fillText(t, n + a / 2, r + 3.5), e.textAlign = "left", a;
}
function Er(e, t, n, r, i, a) {
	let o = {
		normal: new Path2D(),
		back: new Path2D(),
		grad: new Path2D(),
		gradBack: new Path2D(),
		lit: new Path2D(),
		litBack: new Path2D()
	}, s = {
		normal: new Path2D(),
		back: new Path2D(),
		grad: new Path2D(),
		gradBack: new Path2D(),
		lit: new Path2D(),
		litBack: new Path2D()
	}, c = a.selection, l = r.shapes ? 5 : 0;
	for (let e of t) {
		let t = c !== null && (e.source === c || e.target === c), n = e.json?.gradient ? e.reversed ? "gradBack" : "grad" : e.reversed ? "back" : "normal", i = t ? e.reversed ? "litBack" : "lit" : n;
		Ir(o[i], e.points, l), r.arrows && Lr(s[i], e.points, 7);
	}
	let u = (t, n, r) => {
		e.strokeStyle = n, e.fillStyle = n, e.setLineDash(r ? [6, 4] : []), e.stroke(o[t]), e.setLineDash([]), e.fill(s[t]);
	};
	e.lineWidth = Math.max(1.25, .8 * i), e.lineJoin = "round", u("normal", n.edge, !1), u("back", n.backEdge, !0), u("grad", n.gradient, !1), u("gradBack", n.gradient, !0), e.lineWidth = Math.max(2, 1.5 * i), u("lit", n.selection, !1), u("litBack", n.selection, !0);
}
function Dr(e, t, n, r, i, a, o) {
	let s = [
		"op",
		"io",
		"module",
		"helper",
		"backward",
		"stack",
		"boundary"
	], c = Object.fromEntries(s.map((e) => [e, new Path2D()])), l = new Path2D(), u = Object.fromEntries(s.map((e) => [e, new Path2D()])), d = /* @__PURE__ */ new Map();
	for (let e of t) {
		let t = e.type === "input" || e.type === "output" ? "io" : q(e.json) ? "helper" : e.type === "module" && et(e.json) ? "backward" : e.type, n = e.width - e.pile, a = e.height - e.pile;
		if (o && (t === "op" || t === "module" || t === "helper" || t === "backward" || t === "stack")) {
			let t = o.fills.get(e.id) ?? o.neutralFill, s = d.get(t);
			if (s || d.set(t, s = new Path2D()), pr(e, i) || !r.shapes) {
				s.rect(e.x, e.y, n, a);
				continue;
			}
			for (let t = 2; t >= 1 && e.pile; t--) Y(l, e.x + t * 5, e.y + t * 5, n, a, br);
			Y(s, e.x, e.y, n, a, br);
			continue;
		}
		if (pr(e, i) || !r.shapes) {
			u[t].rect(e.x, e.y, n, a);
			continue;
		}
		for (let t = 2; t >= 1 && e.pile; t--) Y(l, e.x + t * 5, e.y + t * 5, n, a, br);
		let s = t === "io" || t === "boundary" ? a / 2 : br;
		Y(c[t], e.x, e.y, n, a, s);
	}
	let f = {
		op: [n.opFill, n.opStroke],
		io: [n.ioFill, n.ioStroke],
		module: [n.moduleFill, n.moduleStroke],
		helper: [n.moduleFill, n.moduleStroke],
		backward: [n.backwardFill, n.gradient],
		stack: [n.stackFill, n.stackStroke],
		boundary: [n.boundaryFill, n.boundaryStroke]
	};
	e.lineWidth = Math.max(1, a), e.fillStyle = n.stackFill, e.strokeStyle = n.stackStroke, e.fill(l), e.stroke(l);
	for (let t of s) {
		let [n, r] = f[t];
		e.fillStyle = n, e.strokeStyle = r, e.fill(c[t]), e.setLineDash(t === "helper" ? xr : []), e.stroke(c[t]), e.setLineDash([]), e.fillStyle = r, e.fill(u[t]);
	}
	if (o) {
		e.strokeStyle = o.stroke;
		for (let [t, n] of d) e.fillStyle = t, e.fill(n), e.stroke(n);
	}
}
function Or(e, t, n, r, i) {
	if (!r.arrows || !t.marks.length) return;
	let a = new Path2D(), o = Math.max(3, 2 * i);
	for (let e of t.marks) a.moveTo(e.x + o, e.y), a.arc(e.x, e.y, o, 0, 2 * Math.PI);
	e.fillStyle = n.frameStroke, e.fill(a);
}
function kr(e, t, n, r, i) {
	for (let a of t) {
		let t = a.id === i.selection, o = i.items.has(a.id), s = a.id === i.hover;
		if (!t && !o && !s) continue;
		let c = new Path2D(), l = a.type === "input" || a.type === "output" || a.type === "boundary" ? (a.height - a.pile) / 2 : br;
		Y(c, a.x - 2 * r, a.y - 2 * r, a.width - a.pile + 4 * r, a.height - a.pile + 4 * r, l), e.lineWidth = t || o ? 2.5 * r : 1.5 * r, e.strokeStyle = t ? n.selection : o ? n.highlight : n.muted, e.stroke(c);
	}
}
function Ar(e, t, n, r, i) {
	let a = new Path2D(), o = new Path2D();
	for (let e of t) {
		a.moveTo(e.x, e.anchorY), a.lineTo(e.x, e.y);
		let t = i.ports.has(e.id) ? 4.5 : 3;
		o.moveTo(e.x + t, e.y), o.arc(e.x, e.y, t, 0, 2 * Math.PI);
	}
	e.lineWidth = Math.max(1.25, r), e.strokeStyle = n.stub, e.fillStyle = n.stub, e.stroke(a), e.fill(o), e.font = yr, e.textAlign = "left";
	for (let r of t) e.fillStyle = i.ports.has(r.id) ? n.highlight : n.stub, e.fillText(r.text, r.x + 6, r.y + 3);
}
function jr(e, t, n, r, i = !1) {
	let a = t.width - t.pile, o = t.height - t.pile - (i ? 14 : 0), s = t.x + a / 2, c = Pr(e, t, a - 16);
	if (e.textAlign = "center", t.type === "boundary") {
		e.font = _r, e.fillStyle = n.muted, e.fillText(c.title + (r.subtitles && c.subtitle ? `  ${c.subtitle}` : ""), s, t.y + o / 2 + 3.5);
		return;
	}
	let l = r.subtitles ? i ? [c.subtitle].filter((e) => e && o >= 36) : [c.subtitle, c.info].filter(Boolean) : [], u = t.y + o / 2 - l.length * 14 / 2 + 4;
	if (e.font = gr, e.fillStyle = n.text, t.lines.badge) {
		let r = e.measureText(c.title).width;
		e.font = vr;
		let i = e.measureText(t.lines.badge).width + 10, a = s - (r + 6 + i) / 2;
		e.font = gr, e.textAlign = "left", e.fillText(c.title, a, u), Tr(e, t.lines.badge, a + r + 6, u - 4, n), e.textAlign = "center";
	} else e.fillText(c.title, s, u);
	e.font = _r, e.fillStyle = n.muted;
	for (let t of l) u += 14, e.fillText(t, s, u);
}
function Mr(e, t, n, r) {
	if (!t.length) return;
	let i = new Path2D();
	for (let { from: e, to: n } of t) {
		i.moveTo(e.x, e.y);
		let t = Math.max(40, Math.abs(n.y - e.y) / 3);
		i.bezierCurveTo(e.x + t, e.y, n.x + t, n.y, n.x, n.y);
	}
	e.setLineDash([4 * r, 3 * r]), e.lineWidth = 2 * r, e.strokeStyle = n.highlight, e.stroke(i), e.setLineDash([]);
}
var Nr = /* @__PURE__ */ new WeakMap();
function Pr(e, t, n) {
	let r = Nr.get(t);
	if (r && r.width === n) return r;
	let i = t.lines.badge ? t.lines.badge.length * 7 + 22 : 0;
	e.font = gr;
	let a = Fr(e, t.lines.title, n - i);
	e.font = _r;
	let o = {
		width: n,
		title: a,
		subtitle: Fr(e, t.lines.subtitle, n),
		info: Fr(e, t.lines.info, n)
	};
	return Nr.set(t, o), o;
}
function Fr(e, t, n) {
	if (!t || e.measureText(t).width <= n) return t;
	let r = 0, i = t.length;
	for (; r < i;) {
		let a = Math.ceil((r + i) / 2);
		e.measureText(`${t.slice(0, a)}…`).width <= n ? r = a : i = a - 1;
	}
	return r ? `${t.slice(0, r)}…` : "";
}
function Y(e, t, n, r, i, a) {
	typeof e.roundRect == "function" ? e.roundRect(t, n, r, i, a) : e.rect(t, n, r, i);
}
function Ir(e, t, n) {
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
function Lr(e, t, n) {
	let r = t.length;
	if (r < 4) return;
	let i = t[r - 2], a = t[r - 1], o = i - t[r - 4], s = a - t[r - 3], c = Math.hypot(o, s) || 1, l = o / c, u = s / c;
	e.moveTo(i, a), e.lineTo(i - l * n - u * n * .45, a - u * n + l * n * .45), e.lineTo(i - l * n + u * n * .45, a - u * n - l * n * .45), e.closePath();
}
// src/view/export.ts
var Rr = "http://www.w3.org/2000/svg", zr = 20;
function Br(e, t, n = document) {
	let r = e.bounds, i = Math.ceil(r.width + 40), a = Math.ceil(r.height + 40), o = X(n, "svg", {
		xmlns: Rr,
		width: i,
		height: a,
		viewBox: `${r.x - zr} ${r.y - zr} ${i} ${a}`
	});
	o.setAttribute("font-family", W);
	let s = X(n, "defs", {});
	for (let [e, r] of [
		["gf-arrow", t.edge],
		["gf-arrow-back", t.backEdge],
		["gf-arrow-grad", t.gradient]
	]) {
		let t = X(n, "marker", {
			id: e,
			viewBox: "0 0 10 10",
			refX: 9,
			refY: 5,
			markerWidth: 7,
			markerHeight: 7,
			orient: "auto-start-reverse",
			markerUnits: "userSpaceOnUse"
		});
		t.append(X(n, "path", {
			d: "M0,0 L10,5 L0,10 z",
			fill: r
		})), s.append(t);
	}
	o.append(s), o.append(X(n, "rect", {
		x: r.x - zr,
		y: r.y - zr,
		width: i,
		height: a,
		fill: t.background
	}));
	for (let r of e.items) r.open && o.append(Ur(n, r, t));
	let c = X(n, "g", {
		fill: "none",
		"stroke-width": 1.25
	});
	for (let r of e.edges) {
		let e = r.points.reduce((e, t, n) => e + (n % 2 ? `,${qr(t)}` : `${n ? " L" : "M"}${qr(t)}`), "");
		c.append(X(n, "path", {
			d: e,
			stroke: r.json?.gradient ? t.gradient : r.reversed ? t.backEdge : t.edge,
			"stroke-dasharray": r.reversed ? "6 4" : null,
			"marker-end": `url(#${r.json?.gradient ? "gf-arrow-grad" : r.reversed ? "gf-arrow-back" : "gf-arrow"})`
		}));
	}
	o.append(c);
	for (let r of e.items) r.open || o.append(Wr(n, r, t));
	for (let r of e.ports) {
		let e = X(n, "g", {
			fill: t.stub,
			stroke: t.stub
		});
		e.append(X(n, "line", {
			x1: r.x,
			y1: r.anchorY,
			x2: r.x,
			y2: r.y,
			"stroke-width": 1.25
		})), e.append(X(n, "circle", {
			cx: r.x,
			cy: r.y,
			r: 3,
			stroke: "none"
		})), e.append(Gr(n, r.text, r.x + 6, r.y + 3, 9, { stroke: "none" })), o.append(e);
	}
	return o;
}
function Vr(e) {
	return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(e)}`;
}
function Hr(e) {
	return q(e.json) ? "5 3" : null;
}
function Ur(e, t, n) {
	let r = X(e, "g", {}), i = t.width - t.pile, a = t.height - t.pile, o = t.pile > 0;
	for (let s = 2; s >= 1 && o; s--) r.append(X(e, "rect", {
		x: t.x + s * 5,
		y: t.y + s * 5,
		width: i,
		height: a,
		rx: 8,
		fill: n.stackFill,
		stroke: n.stackStroke
	}));
	r.append(X(e, "rect", {
		x: t.x,
		y: t.y,
		width: i,
		height: a,
		rx: 8,
		fill: n.background
	})), r.append(X(e, "rect", {
		x: t.x,
		y: t.y,
		width: i,
		height: a,
		rx: 8,
		fill: n.frameFills[t.depth % n.frameFills.length],
		stroke: o ? n.stackStroke : et(t.json) ? n.gradient : n.frameStroke,
		"stroke-dasharray": Hr(t)
	})), r.append(X(e, "rect", {
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
	return r.append(Gr(e, Kr(s, i - 24, 12), t.x + 12, t.y + 15 + 4, 12, {
		fill: n.text,
		"font-weight": 600
	})), r;
}
function Wr(e, t, n) {
	let r = X(e, "g", {}), i = t.width - t.pile, a = t.height - t.pile, [o, s] = t.type === "module" && et(t.json) ? [n.backwardFill, n.gradient] : t.type === "module" ? [n.moduleFill, n.moduleStroke] : t.type === "stack" ? [n.stackFill, n.stackStroke] : t.type === "input" || t.type === "output" ? [n.ioFill, n.ioStroke] : t.type === "boundary" ? [n.boundaryFill, n.boundaryStroke] : [n.opFill, n.opStroke], c = t.type === "input" || t.type === "output" || t.type === "boundary" ? a / 2 : 6;
	for (let n = 2; n >= 1 && t.pile; n--) r.append(X(e, "rect", {
		x: t.x + n * 5,
		y: t.y + n * 5,
		width: i,
		height: a,
		rx: c,
		fill: o,
		stroke: s
	}));
	r.append(X(e, "rect", {
		x: t.x,
		y: t.y,
		width: i,
		height: a,
		rx: c,
		fill: o,
		stroke: s,
		"stroke-dasharray": Hr(t)
	}));
	let l = t.x + i / 2;
	if (t.type === "boundary") return r.append(Gr(e, Kr(`${t.lines.title}  ${t.lines.subtitle}`, i - 12, 10), l, t.y + a / 2 + 3.5, 10, {
		fill: n.muted,
		"text-anchor": "middle"
	})), r;
	let u = [t.lines.subtitle, t.lines.info].filter(Boolean), d = t.y + a / 2 - u.length * 14 / 2 + 4, f = t.lines.badge ? `${t.lines.title} ${t.lines.badge}` : t.lines.title;
	r.append(Gr(e, Kr(f, i - 16, 12), l, d, 12, {
		fill: n.text,
		"font-weight": 600,
		"text-anchor": "middle"
	}));
	for (let t of u) d += 14, r.append(Gr(e, Kr(t, i - 16, 10), l, d, 10, {
		fill: n.muted,
		"text-anchor": "middle"
	}));
	return r;
}
function Gr(e, t, n, r, i, a) {
	let o = X(e, "text", {
		x: qr(n),
		y: qr(r),
		"font-size": i,
		...a
	});
	return o.textContent = t, o;
}
function X(e, t, n) {
	let r = e.createElementNS(Rr, t);
	for (let [e, t] of Object.entries(n)) t !== null && e !== "xmlns" && r.setAttribute(e, typeof t == "number" ? String(qr(t)) : t);
	return r;
}
function Kr(e, t, n) {
	if (G(e, n) <= t) return e;
	let r = e.length;
	for (; r > 0 && G(`${e.slice(0, r)}…`, n) > t;) r--;
	return r ? `${e.slice(0, r)}…` : "";
}
function qr(e) {
	return Math.round(e * 100) / 100;
}
function Jr(e, t) {
	let n = e.bounds, r = n.width + 40, i = n.height + 40, a = Math.min(2, 16e3 / r, 16e3 / i, Math.sqrt(12e7 / (r * i))), o = document.createElement("canvas");
	o.width = Math.max(1, Math.ceil(r * a)), o.height = Math.max(1, Math.ceil(i * a));
	let s = o.getContext("2d");
	if (!s) throw Error("this browser cannot paint a canvas for the PNG export");
	return Sr(s, {
		scene: e,
		camera: {
			scale: 1,
			x: zr - n.x,
			y: zr - n.y
		},
		width: r,
		height: i,
		dpr: a,
		palette: t,
		emphasis: hr
	}), o;
}
function Yr(e, t) {
	let n = URL.createObjectURL(e), r = document.createElement("a");
	r.href = n, r.download = t, r.hidden = !0, document.body.append(r), r.click(), r.remove(), setTimeout(() => URL.revokeObjectURL(n), 1e4);
}
function Xr(e, t) {
	return `${e.map((e) => e.replace(/[^\w.-]+/g, "_").replace(/^[_.]+|_+$/g, "")).filter(Boolean).join("-").slice(0, 80) || "graph"}.${t}`;
}
// src/view/hit_test.ts
function Zr(e, t, n, r = !0) {
	if (r) for (let r = e.ports.length - 1; r >= 0; r--) {
		let i = e.ports[r];
		if (Un(i.hit, t, n)) return {
			kind: "port",
			port: i
		};
	}
	let i = Qr(e, t, n);
	return i ? {
		kind: "item",
		item: i
	} : null;
}
function Qr(e, t, n) {
	for (let r = e.items.length - 1; r >= 0; r--) {
		let i = e.items[r];
		if (Un(i, t, n)) return i;
	}
	return null;
}
// src/view/stub_highlight.ts
function $r(e, t) {
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
	for (let n of ei(e, t)) {
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
function ei(e, t) {
	let n = t.direction === "in" ? [t.json.node] : t.json.edges.map((e) => e[2]), r = /* @__PURE__ */ new Map(), i = [];
	for (let t of new Set(n)) {
		let n = e.byId.get(`n:${t}`);
		n ? r.set(n.id, n) : i.push(t);
	}
	if (i.length) for (let n of t.json.peers) {
		let i = ti(e, n);
		i && i.id !== t.item && r.set(i.id, i);
	}
	return [...r.values()];
}
function ti(e, t) {
	let n = null;
	for (let r of e.items) {
		let e = r.json;
		("type" in e && e.type === "module" ? [e.path] : "type" in e && e.type === "stack" ? e.members : []).some((e) => e === t || Ie(t, e)) && (!n || r.depth >= n.depth) && (n = r);
	}
	return n;
}
// src/view/theme.ts
var ni = {
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
	gradient: "#a142f4",
	backwardFill: "#f3e8fd",
	highlight: "#e8710a",
	selection: "#1a73e8",
	stub: "#e8710a",
	badgeFill: "#b06000",
	badgeText: "#ffffff"
}, ri = {
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
	gradient: "#c58af9",
	backwardFill: "#35264a",
	highlight: "#fcad70",
	selection: "#8ab4f8",
	stub: "#fcad70",
	badgeFill: "#fcad70",
	badgeText: "#202124"
};
function ii(e = window) {
	try {
		return e.parent === e ? null : e.parent.document.body.classList.contains("dark-mode");
	} catch {
		return null;
	}
}
function ai(e = window) {
	return typeof e.matchMedia == "function" && e.matchMedia("(prefers-color-scheme: dark)").matches;
}
function oi(e, t = window) {
	let n = () => e(ii(t) ?? ai(t) ? ri : ni);
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
var si = 4;
function ci(e) {
	let t = R("canvas", {
		class: "gf-canvas",
		"data-testid": "graph-canvas",
		tabindex: 0,
		"aria-label": "Model graph"
	}), n = ui(t), r = null, i = {
		scale: 1,
		x: 0,
		y: 0
	}, a = {
		width: 0,
		height: 0
	}, o = ni, s = null, c = null, l = hr, u = null, d = {
		drawnNodes: 0,
		drawnEdges: 0,
		drawnPorts: 0,
		drawnSparklines: 0
	}, f = 0, p = !1, m = [];
	function h() {
		if (p) return;
		p = !0;
		let e = () => {
			p = !1, g();
		};
		typeof requestAnimationFrame == "function" ? requestAnimationFrame(e) : setTimeout(e, 16);
	}
	function g() {
		let s = performance.now();
		r && n && a.width > 0 && a.height > 0 ? d = Sr(n, {
			scene: r,
			camera: i,
			width: a.width,
			height: a.height,
			dpr: li(),
			palette: o,
			emphasis: l,
			overlay: u
		}) : n && (n.setTransform(1, 0, 0, 1, 0, 0), n.fillStyle = o.background, n.fillRect(0, 0, t.width, t.height), d = {
			drawnNodes: 0,
			drawnEdges: 0,
			drawnPorts: 0,
			drawnSparklines: 0
		}), f = performance.now() - s, e.changed();
		let c = m;
		m = [];
		for (let e of c) e();
	}
	function _() {
		let e = t.getBoundingClientRect(), n = Math.max(0, Math.round(e.width)), i = Math.max(0, Math.round(e.height));
		if (n === a.width && i === a.height) return;
		let o = a.width === 0 || a.height === 0;
		a = {
			width: n,
			height: i
		}, t.width = Math.round(n * li()), t.height = Math.round(i * li()), o && r && v(), h();
	}
	function v() {
		r && a.width && (i = Rn(r.bounds, a.width, a.height, 24, 1.2), h());
	}
	function y() {
		let e = c && "port" in c ? c.port : null;
		l = {
			...e && r ? $r(r, e) : {
				ports: /* @__PURE__ */ new Set(),
				items: /* @__PURE__ */ new Set(),
				ghosts: []
			},
			selection: s,
			hover: c && "item" in c ? c.item.id : null
		};
	}
	let b = null;
	t.addEventListener("pointerdown", (n) => {
		n.button === 0 && (t.focus({ preventScroll: !0 }), b = {
			x: n.clientX,
			y: n.clientY,
			camera: i,
			dragged: !1,
			id: n.pointerId
		}, e.hover(null, 0, 0), t.setPointerCapture?.(n.pointerId));
	}), t.addEventListener("pointermove", (e) => {
		if (b && b.id === e.pointerId) {
			let n = e.clientX - b.x, r = e.clientY - b.y;
			!b.dragged && Math.hypot(n, r) > si && (b.dragged = !0, t.classList.add("gf-dragging")), b.dragged && (i = J(b.camera, n, r), h());
		} else S(e.clientX, e.clientY);
	}), t.addEventListener("pointerup", (n) => {
		if (!b || b.id !== n.pointerId) return;
		let r = b.dragged;
		if (b = null, t.classList.remove("gf-dragging"), r) return;
		let i = x(n.clientX, n.clientY);
		i?.kind === "port" ? e.stubClick(i.port) : e.select(i?.kind === "item" && i.item.type !== "boundary" ? i.item.id : null);
	}), t.addEventListener("pointercancel", () => {
		b = null, t.classList.remove("gf-dragging");
	}), t.addEventListener("pointerleave", () => {
		!b && c && (c = null, y(), e.hover(null, 0, 0), h());
	}), t.addEventListener("dblclick", (t) => {
		let n = x(t.clientX, t.clientY);
		n?.kind === "item" && (n.item.type === "module" || n.item.type === "stack") && (t.preventDefault(), e.toggle(n.item.id));
	}), t.addEventListener("wheel", (e) => {
		e.preventDefault();
		let n = t.getBoundingClientRect(), r = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? a.height : 1, o = e.deltaY * r;
		if (e.shiftKey && !e.ctrlKey) i = J(i, -o, 0);
		else {
			let t = Math.exp(-o * (e.ctrlKey ? .01 : .0015));
			i = Ln(i, t, e.clientX - n.left, e.clientY - n.top);
		}
		h();
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
				C(1.25);
				break;
			case "-":
			case "_":
				C(.8);
				break;
			case "0":
			case "f":
				v();
				break;
			case "ArrowLeft":
				i = J(i, 60, 0);
				break;
			case "ArrowRight":
				i = J(i, -60, 0);
				break;
			case "ArrowUp":
				i = J(i, 0, 60);
				break;
			case "ArrowDown":
				i = J(i, 0, -60);
				break;
			default: return;
		}
		t.preventDefault(), h();
	});
	function x(e, n) {
		if (!r) return null;
		let a = t.getBoundingClientRect(), o = Vn(i, e - a.left, n - a.top);
		return Zr(r, o.x, o.y, i.scale >= .3);
	}
	function S(n, r) {
		let i = x(n, r), a = i?.kind === "port" ? { port: i.port } : i?.kind === "item" ? { item: i.item } : null, o = (e) => e === null ? "" : "port" in e ? `p${e.port.id}` : `i${e.item.id}`;
		o(a) !== o(c) && (c = a, y(), h()), t.style.cursor = i?.kind === "port" ? "pointer" : "", e.hover(c, n, r);
	}
	function C(e) {
		i = Ln(i, e, a.width / 2, a.height / 2), h();
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
			return d;
		},
		get lastFrameMs() {
			return f;
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
				let e = Bn(i, s);
				(e.x < 0 || e.y < 0 || e.x + e.width > a.width || e.y + e.height > a.height) && (i = Rn(s, a.width, a.height, 32, i.scale));
			} else o && v();
			y(), h();
		},
		setSelection(e) {
			s = e, y(), h();
		},
		setPalette(e) {
			o = e, h();
		},
		setOverlay(e) {
			u = e, h();
		},
		setCamera(e) {
			i = e, h();
		},
		fit: v,
		reveal(e) {
			let t = r?.byId.get(e);
			if (!t || !a.width) return;
			let n = Bn(i, t), o = i.scale >= .6, s = n.x >= 0 && n.y >= 0 && n.x + n.width <= a.width && n.y + n.height <= a.height;
			o && s || (i = Rn({
				x: t.x - 80,
				y: t.y - 80,
				width: t.width + 160,
				height: t.height + 160
			}, a.width, a.height, 16, 1.2), h());
		},
		zoomBy: C,
		panZoom(e, t, n) {
			i = Ln(J(i, e, t), n, a.width / 2, a.height / 2), h();
		},
		drawn() {
			return p ? new Promise((e) => m.push(e)) : Promise.resolve();
		},
		resize: _
	};
}
function li() {
	return Math.max(1, Math.min(3, globalThis.devicePixelRatio || 1));
}
function ui(e) {
	if (typeof navigator < "u" && /jsdom/i.test(navigator.userAgent)) return null;
	try {
		return e.getContext("2d", { alpha: !1 });
	} catch {
		return null;
	}
}
// src/view/summary_panel.ts
var di = {
	torch_export: "torch.export",
	onnx: "ONNX",
	graphdef: "GraphDef",
	torchscript: "TorchScript",
	unspecified: "unspecified"
}, fi = {
	"torch.export": "torch.export",
	"torch.export(strict)": "torch.export (strict)",
	torchscript: "TorchScript",
	onnx: "ONNX",
	graphdef: "GraphDef",
	"": "not recorded"
}, pi = {
	torchscript: "torch.export could not capture this model (log_graph's warning says why), or it is a ScriptModule. A trace shows the path the example inputs took through data-dependent code.",
	"torch.export(strict)": "Non-strict torch.export failed; strict export (TorchDynamo) captured it."
};
function mi(e) {
	return fi[e] ?? e;
}
function hi(e) {
	return R("article", { class: "gf-summary" }, R("h2", {}, e.name || "(unnamed graph)"), R("dl", { class: "gf-facts" }, gi("Source format", di[e.sourceFormat] ?? e.sourceFormat), gi("Producer", e.producer || "—"), gi("Captured with", mi(e.capture), pi[e.capture])), R("ul", { class: "gf-counts" }, _i(e.nodeCount, "node"), _i(e.edgeCount, "edge"), _i(e.moduleCount, "module"), _i(e.parameterCount, "parameter", U)), R("div", { class: "gf-tables" }, R("section", {}, R("h3", {}, "Top-level modules"), vi(e)), R("section", {}, R("h3", {}, "Module classes"), bi(e))));
}
function gi(e, t, n) {
	let r = document.createDocumentFragment(), i = `fact-${e.toLowerCase().replace(/\s+/g, "-")}`;
	return r.append(R("dt", {}, e), R("dd", {
		title: n ?? null,
		"data-testid": i
	}, t)), r;
}
function _i(e, t, n = H) {
	let r = H(e), i = n(e);
	return R("li", { title: i === r ? null : r }, R("span", { class: "gf-count" }, i), ` ${t}${e === 1 ? "" : "s"}`);
}
function vi(e) {
	let t = e.topLevelModules.map(yi);
	return e.rootNodeCount > 0 && t.push(R("tr", { class: "gf-muted" }, R("td", {}, "(root module itself)"), R("td", {}), R("td", { class: "gf-num" }, H(e.rootNodeCount)))), t.length ? Si([
		"Module",
		"Class",
		"Nodes"
	], t) : R("p", { class: "gf-muted" }, "This graph has no nodes.");
}
function yi(e) {
	return R("tr", {}, R("td", { class: "gf-path" }, e.path), xi(e.className), R("td", { class: "gf-num" }, H(e.nodeCount)));
}
function bi(e) {
	return e.classCounts.length ? Si(["Class", "Instances"], e.classCounts.map(({ className: e, count: t }) => R("tr", {}, xi(e), R("td", { class: "gf-num" }, H(t))))) : R("p", { class: "gf-muted" }, "This graph has no modules.");
}
function xi(e) {
	return e ? R("td", { title: e }, nt(e)) : R("td", { class: "gf-muted" }, "(unknown class)");
}
function Si(e, t) {
	return R("table", {}, R("thead", {}, R("tr", {}, ...e.map((e) => R("th", { scope: "col" }, e)))), R("tbody", {}, ...t));
}
// src/view/graph_summary_box.ts
function Ci(e) {
	let t = R("button", {
		type: "button",
		class: "gf-hidden-line",
		"data-testid": "hidden-summary",
		title: Ut,
		hidden: !0
	});
	t.addEventListener("click", () => e.explainHidden(Ut));
	let n = R("div", { class: "gf-summary-body" }), r = R("details", { class: "gf-summary-box" }, R("summary", {}, "Graph summary"), n);
	r.addEventListener("toggle", () => {
		let t = e.session();
		r.open && t && i(t);
	});
	async function i(t) {
		z(n, R("p", { class: "gf-muted" }, "Loading…"));
		try {
			let r = await e.track(t.stats());
			e.session() === t && z(n, hi(tt(r)));
		} catch (e) {
			z(n, R("p", { class: "gf-search-error" }, wi(e)));
		}
	}
	return {
		hiddenLine: t,
		element: r,
		graphShown(i) {
			r.open = !1, z(n), t.hidden = !0, e.track(i.stats().then((n) => {
				if (e.session() !== i) return;
				let r = Kt(n.hidden_nodes);
				t.textContent = r, t.hidden = !r;
			}, (t) => e.reportError(`Could not load the graph's stats: ${wi(t)}`)));
		}
	};
}
function wi(e) {
	return e instanceof Error ? e.message : String(e);
}
// src/view/minimap.ts
var Ti = 200, Ei = 140;
function Di(e) {
	let t = Math.min(192 / Math.max(1, e.width), 132 / Math.max(1, e.height));
	return {
		scale: t,
		x: (Ti - e.width * t) / 2 - e.x * t,
		y: (Ei - e.height * t) / 2 - e.y * t
	};
}
function Oi(e, t, n) {
	let r = zn(t, n.width, n.height), i = e.bounds;
	return i.x < r.x || i.y < r.y || i.x + i.width > r.x + r.width || i.y + i.height > r.y + r.height;
}
function ki(e) {
	let t = R("canvas", {
		class: "gf-minimap",
		"data-testid": "minimap",
		width: Ti,
		height: Ei,
		"aria-label": "Minimap",
		hidden: !0
	}), n = Math.max(1, Math.min(2, globalThis.devicePixelRatio || 1));
	t.width = Ti * n, t.height = Ei * n;
	let r = /jsdom/i.test(globalThis.navigator?.userAgent ?? "") ? null : t.getContext("2d"), i = null, a = null;
	function o(n) {
		if (!a) return;
		let r = t.getBoundingClientRect(), i = Di(a.bounds), o = (n.clientX - r.left) / r.width * Ti, s = (n.clientY - r.top) / r.height * Ei;
		e((o - i.x) / i.scale, (s - i.y) / i.scale);
	}
	t.addEventListener("pointerdown", (e) => {
		t.setPointerCapture?.(e.pointerId), o(e);
	}), t.addEventListener("pointermove", (e) => {
		e.buttons & 1 && o(e);
	});
	function s(e, t) {
		let r = document.createElement("canvas");
		r.width = Ti * n, r.height = Ei * n;
		let i = r.getContext("2d");
		if (!i) return r;
		let a = Di(e.bounds);
		i.setTransform(n, 0, 0, n, 0, 0), i.fillStyle = t.background, i.fillRect(0, 0, Ti, Ei), i.setTransform(n * a.scale, 0, 0, n * a.scale, n * a.x, n * a.y);
		let o = new Path2D(), s = new Path2D();
		for (let t of e.items) (t.open ? o : s).rect(t.x, t.y, t.width, t.height);
		return i.fillStyle = t.frameHeader, i.fill(o), i.fillStyle = t.moduleStroke, i.fill(s), r;
	}
	return {
		element: t,
		update(e, o, c, l) {
			a = e;
			let u = e !== null && Oi(e, o, c);
			if (t.hidden = !u, !u || !r || !e) return;
			i && i.scene === e && i.palette === l || (i = {
				scene: e,
				palette: l,
				image: s(e, l)
			}), r.setTransform(1, 0, 0, 1, 0, 0), r.drawImage(i.image, 0, 0);
			let d = Di(e.bounds), f = zn(o, c.width, c.height);
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
// src/overlay/filter_metrics.ts
var Ai = "weak_share", ji = .1;
function Mi(e, t = "any") {
	return e.metrics.filter((e) => t === "any" || e.key === t).map((t) => Ni(e, t));
}
function Ni(e, t) {
	if (t.key === "apoz") return {
		key: t.key,
		weak: t.weak,
		threshold: 90,
		description: `${t.label} ${t.weak === "high" ? "≥" : "≤"} 90`
	};
	let n = e.layers.flatMap((e) => Vi(e.metrics[t.key] ?? [])), r = t.weak === "low" ? ji : .9, i = n.length ? zi(n, r) : t.weak === "low" ? -Infinity : Infinity, a = Math.round(ji * 100);
	return {
		key: t.key,
		weak: t.weak,
		threshold: i,
		description: `${t.label} ${t.weak === "low" ? "≤" : "≥"} ${Z(i)} (weakest ${a}% of the model)`
	};
}
function Pi(e, t) {
	return Number.isFinite(e) ? t.weak === "low" ? e <= t.threshold : e >= t.threshold : !1;
}
function Fi(e, t) {
	return Array.from({ length: e.filter_count }, (n, r) => t.some((t) => Pi(e.metrics[t.key]?.[r] ?? NaN, t)));
}
function Ii(e, t, n = []) {
	let r = [];
	for (let i of e.layers) {
		let e;
		if (t === "weak_share") {
			let t = Fi(i, n);
			e = t.length ? t.filter(Boolean).length / t.length : NaN;
		} else e = Bi(Vi(i.metrics[t] ?? []));
		Number.isFinite(e) && r.push({
			module: i.module,
			value: e,
			weight: i.filter_count
		});
	}
	return r;
}
function Li(e, t) {
	let n = t === "low" ? 1 : -1;
	return e.map((e, t) => ({
		value: e,
		index: t
	})).sort((e, t) => {
		let r = Number.isFinite(e.value);
		return r === Number.isFinite(t.value) ? (r && e.value !== t.value ? n * (e.value - t.value) : 0) || e.index - t.index : r ? -1 : 1;
	}).map((e) => e.index);
}
function Ri(e, t, n) {
	let r = Math.round(Math.min(100, Math.max(0, n)) / 100 * e.length);
	return Li(e, t).slice(0, r).sort((e, t) => e - t);
}
function zi(e, t) {
	if (!e.length) return NaN;
	let n = [...e].sort((e, t) => e - t), r = Math.max(1, Math.ceil(t * n.length));
	return n[Math.min(n.length, r) - 1];
}
function Bi(e) {
	if (!e.length) return NaN;
	let t = 0;
	for (let n of e) t += n;
	return t / e.length;
}
function Vi(e) {
	return e.filter((e) => Number.isFinite(e));
}
function Z(e) {
	return Number.isFinite(e) ? e !== 0 && (Math.abs(e) >= 1e6 || Math.abs(e) < .001) ? e.toExponential(2) : String(Number(e.toPrecision(3))) : String(e);
}
// src/overlay/item_values.ts
function Hi(e) {
	return e.items.flatMap((e) => {
		let t = Ui(e);
		return t ? [t] : [];
	});
}
function Ui(e) {
	let t = e.json;
	if (!("type" in t)) return null;
	switch (t.type) {
		case "module": return {
			id: e.id,
			kind: "aggregate",
			paths: [t.path]
		};
		case "stack": return {
			id: e.id,
			kind: "aggregate",
			paths: [...t.members]
		};
		case "op": return {
			id: e.id,
			kind: "layer",
			paths: [e.view.module.path]
		};
		default: return null;
	}
}
function Wi(e, t) {
	let n = new Map(t.map((e) => [e.module, e])), r = [];
	for (let i of e) {
		let e = Ki(i.kind === "layer" ? i.paths.flatMap((e) => n.has(e) ? [n.get(e)] : []) : t.filter((e) => i.paths.some((t) => Gi(t, e.module))));
		e !== null && r.push({
			id: i.id,
			...e
		});
	}
	return r;
}
function Gi(e, t) {
	return e === "" || t === e || t.startsWith(`${e}.`);
}
function Ki(e) {
	let t = 0, n = 0;
	for (let r of e) t += r.value * r.weight, n += r.weight;
	return n > 0 ? {
		value: t / n,
		layers: e.length,
		weight: n
	} : null;
}
// src/overlay/series.ts
function qi(e, t, n, r) {
	let i = e.filter((e) => e.kind === t && e.run === n);
	return i.find((e) => e.graph_tag === r) ?? (i.length === 1 ? i[0] : null);
}
function Ji(e, t, n) {
	return qi(e, "filter_stats", t, n);
}
function Yi(e, t, n) {
	return qi(e, "weight_graph", t, n);
}
function Xi(e, t, n) {
	return [...new Set(e.filter((e) => e.kind === t).map((e) => e.run))].flatMap((r) => {
		let i = qi(e, t, r, n);
		return i ? [i] : [];
	});
}
function Zi(e) {
	return e.steps.filter((e) => e.error === null).map((e) => e.step).sort((e, t) => e - t);
}
function Qi(e, t = null) {
	let n = Zi(e);
	return t !== null && n.includes(t) ? t : n.length ? n[n.length - 1] : null;
}
// src/pruning_plan.ts
var $i = "graphfold.pruning_plan";
function ea(e, t) {
	let n = Q(e, t);
	if (!n) return `no layer "${t}" in the filter statistics of run "${e.run}", step ${e.step}`;
	let r = ua(e, n);
	return n.group === -1 || !r ? `layer "${t}" cannot be pruned: it belongs to no prunable group` : r.prunable ? null : `layer "${t}" cannot be pruned${r.reason ? `: ${r.reason}` : ""}`;
}
function ta(e, t) {
	let n = /* @__PURE__ */ new Map();
	for (let [r, i] of t) {
		let t = Q(e, r);
		if (!t || t.group < 0) continue;
		let a = n.get(t.group) ?? /* @__PURE__ */ new Set();
		for (let e of i) a.add(e);
		n.set(t.group, a);
	}
	return [...n].sort(([e], [t]) => e - t).map(([t, n]) => {
		let r = e.groups[t];
		return {
			group: t,
			modules: r ? [...r.modules] : [],
			removed: n.size,
			channelCount: r?.channel_count ?? 0
		};
	});
}
function na(e, t) {
	let n = new Map(ta(e, t).map((e) => [e.group, e.removed]));
	return e.groups.map((e, t) => e.channel_count - (n.get(t) ?? 0));
}
function ra(e, t) {
	let n = na(e, t), r = 0, i = 0;
	for (let t of e.cost_terms) {
		let [a, o] = ia(t, e.groups, n);
		r += a, i += o;
	}
	return {
		parameters_before: e.parameter_count,
		parameters_after: aa(e.fixed_parameters + r),
		macs_before: e.macs,
		macs_after: aa(i)
	};
}
function ia(e, t, n) {
	let r = (r, i) => {
		let a = r;
		for (let { group: r, count: o } of i) {
			let i = t[r];
			if (!i) throw Error(`cost term of "${e.module}" names group ${r}; the statistics have ${t.length}`);
			a += o * n[r] / i.channel_count;
		}
		return a;
	}, i = r(e.out_fixed, e.out), a = r(e.in_fixed, e.in);
	return [e.params_per_pair * i * a + e.params_per_out * i + e.params_per_in * a, e.macs_per_pair * i * a + e.macs_per_out * i];
}
function aa(e) {
	let t = Math.floor(e), n = e - t;
	return (n > .5 || n === .5 && t % 2 != 0 ? t + 1 : t) + 0;
}
function oa(e, t) {
	let n = [];
	for (let [r, i] of t) {
		let t = ea(e, r);
		if (t) {
			n.push(t);
			continue;
		}
		let a = Q(e, r), o = i.filter((e) => !Number.isInteger(e) || e < 0 || e >= a.filter_count);
		o.length && n.push(`layer "${r}" has ${a.filter_count} filters; no filter ${o.join(", ")}`);
	}
	for (let { modules: r, removed: i, channelCount: a } of ta(e, t)) a > 0 && i >= a && n.push(`the plan removes all ${a} channels of the coupled layers ${r.join(", ")}; keep at least one`);
	return n;
}
function sa(e, t, n, r) {
	let i = new Map(t), a = [...new Set(r)].sort((e, t) => e - t);
	a.length ? i.set(n, a) : i.delete(n);
	let o = oa(e, i);
	return o.length ? { error: o.join("; ") } : { plan: i };
}
function ca(e, t) {
	let n = {}, r = [...t.keys()].sort((t, n) => da(e, t) - da(e, n) || (t < n ? -1 : +(t > n)));
	for (let i of r) n[i] = {
		filter_count: Q(e, i)?.filter_count ?? 0,
		remove: [...t.get(i)]
	};
	return {
		format: $i,
		version: 1,
		source: {
			run: e.run,
			tag: e.tag,
			step: e.step,
			graph_tag: e.graph_tag
		},
		layers: n,
		preview: ra(e, t)
	};
}
function la(e) {
	return `pruning_plan_${e.run.replace(/[^\w.-]+/g, "_").replace(/^[_.]+|_+$/g, "") || "run"}_${e.step}.json`;
}
function Q(e, t) {
	return e.layers.find((e) => e.module === t);
}
function ua(e, t) {
	return t.group >= 0 ? e.groups[t.group] : void 0;
}
function da(e, t) {
	let n = e.layers.findIndex((e) => e.module === t);
	return n < 0 ? 2 ** 53 - 1 : n;
}
// src/overlay/scalars.ts
var fa = /acc/i;
function pa(e) {
	let t = /* @__PURE__ */ new Set();
	for (let n of e) for (let e of Object.keys(n.scalars)) t.add(e);
	return [...t].sort();
}
function ma(e, t = null) {
	return t !== null && e.includes(t) ? t : e.find((e) => fa.test(e)) ?? e[0] ?? null;
}
function ha(e, t) {
	for (let n = e.length - 1; n >= 0; n--) {
		let [r, i] = e[n];
		if (r === t) return {
			value: i,
			step: r,
			exact: !0
		};
	}
	let n = ga(e);
	return n && {
		...n,
		exact: !1
	};
}
function ga(e) {
	let t = e[e.length - 1];
	return t ? {
		value: t[1],
		step: t[0],
		exact: !0
	} : null;
}
function _a(e, t, n) {
	return n === null ? `${e}: the run's last value (step ${t.step})` : t.exact ? `${e} at step ${t.step}` : `${e}: the run's last value (step ${t.step}); none logged at step ${n}`;
}
// src/overlay/run_comparison.ts
function va(e) {
	let t = [];
	for (let n of e) {
		if (n.kind !== "filter_stats") continue;
		let e = n.steps.flatMap((e) => e.error === null ? [e] : []).sort((e, t) => e.step - t.step);
		for (let r of e) t.push({
			run: n.run,
			tag: n.tag,
			step: r.step,
			parameters: r.parameter_count,
			macs: r.macs
		});
	}
	return t;
}
function ya(e, t, n) {
	let r = e.findIndex((e) => e.run === t && e.step === n);
	if (r >= 0) return r;
	let i = e.map((e, n) => e.run === t ? n : -1).filter((e) => e >= 0);
	return i.length ? i.reduce((t, n) => e[n].step >= e[t].step ? n : t) : e.length ? 0 : -1;
}
function ba(e, t) {
	return t > 0 ? (e - t) / t : null;
}
function xa(e, t, n, r) {
	let i = e[t];
	return e.map((e, a) => {
		let o = r === null ? void 0 : n.get(e.run)?.scalars[r];
		return {
			...e,
			parametersChange: i ? ba(e.parameters, i.parameters) : null,
			macsChange: i ? ba(e.macs, i.macs) : null,
			scalar: o ? ha(o, e.step) : null,
			baseline: a === t
		};
	});
}
// src/view/compare_panel.ts
function Sa(e) {
	let t = R("section", {
		class: "gf-plan",
		"data-testid": "compare-runs",
		"aria-label": "Compare runs",
		hidden: !0
	}), n = null, r = [], i = -1, a = null, o = /* @__PURE__ */ new Map(), s = /* @__PURE__ */ new Map(), c = !1;
	function l() {
		for (let t of new Set(r.map((e) => e.run))) {
			if (o.has(t) || s.has(t)) continue;
			let r = n;
			e.track(e.scalars(t).then((e) => {
				n === r && (o.set(t, e), d());
			}, (e) => {
				n === r && (s.set(t, e instanceof Error ? e.message : String(e)), d());
			}));
		}
	}
	function u() {
		return a = ma(pa(o.values()), a), xa(r, i, o, a);
	}
	function d() {
		if (t.hidden = !c || r.length === 0, t.hidden) return z(t);
		let e = u(), n = pa(o.values()), l = R("select", {
			"data-testid": "compare-baseline",
			"aria-label": "Baseline row"
		});
		z(l, ...r.map((e, t) => B(String(t), `${e.run} · step ${e.step}`))), l.value = String(i), l.addEventListener("change", () => {
			i = Number(l.value), d();
		});
		let m = R("select", {
			"data-testid": "compare-scalar",
			"aria-label": "Scalar"
		});
		z(m, ...n.map((e) => B(e, e))), m.value = a ?? "", m.addEventListener("change", () => {
			a = m.value, d();
		});
		let h = r.some((e) => !o.has(e.run) && !s.has(e.run)), g = r[i];
		z(t, R("h2", {}, "Compare runs"), R("div", { class: "gf-row" }, R("label", { class: "gf-inline" }, "Baseline", l), n.length ? R("label", { class: "gf-inline" }, "Scalar", m) : null), R("div", { class: "gf-summary-scroll" }, R("table", {
			class: "gf-preview gf-compare",
			"data-testid": "compare-table"
		}, R("thead", {}, R("tr", {}, ...[
			"run",
			"params",
			"MACs"
		].map((e) => R("th", { scope: "col" }, e)), R("th", {
			scope: "col",
			class: "gf-scalar-head",
			title: a ?? ""
		}, a ?? "scalar"))), R("tbody", {}, ...e.map((e) => R("tr", {
			"data-testid": "compare-row",
			"data-run": e.run,
			"data-step": e.step,
			class: e.baseline ? "gf-row-selected" : null
		}, R("th", {
			scope: "row",
			title: `${e.run}, step ${e.step} (filter stats tag ${e.tag})`
		}, R("span", { class: "gf-run-name" }, e.run), R("span", { class: "gf-change" }, `step ${e.step}`)), f("compare-parameters", e.parameters, e.baseline ? "baseline" : g ? Xe(g.parameters, e.parameters) : ""), f("compare-macs", e.macs, e.baseline ? "" : g ? Xe(g.macs, e.macs) : ""), p(e)))))), ...[...s].map(([e, t]) => R("p", { class: "gf-search-error" }, `Could not load the scalars of ${e}: ${t}`)), R("p", { class: "gf-note" }, "Parameters and MACs as logged with each step's filter statistics, with their change against the baseline row.", e.some((e) => e.scalar && !e.scalar.exact) ? ` * not logged at the row's step: the run's last ${a} instead.` : "", h ? " Loading the runs' scalars…" : ""));
	}
	function f(e, t, n) {
		return R("td", {
			class: "gf-num",
			"data-testid": e,
			title: H(t)
		}, U(t), n ? R("span", { class: "gf-change" }, n) : null);
	}
	function p(e) {
		if (!e.scalar || a === null) return R("td", {
			class: "gf-num",
			"data-testid": "compare-scalar-value",
			title: s.has(e.run) ? "its scalars could not be loaded" : o.has(e.run) ? `the run logged no ${a ?? "scalars"}` : "loading"
		}, "—");
		let t = `${Number(e.scalar.value.toPrecision(4))}${e.scalar.exact ? "" : "*"}`;
		return R("td", {
			class: "gf-num",
			"data-testid": "compare-scalar-value",
			title: `${_a(a, e.scalar, e.step)}: ${e.scalar.value}`
		}, t);
	}
	return {
		element: t,
		show(e) {
			c = e !== null, e && e.listing !== n && (n = e.listing, r = va(e.listing), o.clear(), s.clear(), i = ya(r, e.run, e.step)), c && l(), d();
		},
		debug() {
			return c ? u().map((e) => ({
				...e,
				scalar: e.scalar && a !== null ? {
					...e.scalar,
					tag: a
				} : null
			})) : [];
		}
	};
}
// src/overlay/dynamics.ts
var Ca = [
	"mean",
	"std",
	"median",
	"max"
], wa = {
	mean: "mean",
	std: "std",
	median: "median",
	max: "max"
}, Ta = "weighted_degree";
function Ea(e, t) {
	if (!e) return NaN;
	let n = t === "mean" ? e.mean : t === "std" ? e.std : e.quantiles[t === "median" ? 2 : 4];
	return typeof n == "number" ? n : NaN;
}
function Da(e) {
	return e.steps.filter(Oa).sort((e, t) => e.step - t.step);
}
function Oa(e) {
	return typeof e.error != "string" && Array.isArray(e.layers);
}
function ka(e, t = null) {
	return t !== null && e.includes(t) ? t : e.includes("weighted_degree") ? Ta : e[0] ?? null;
}
function Aa(e, t, n) {
	return e.layers.flatMap((e) => {
		let r = Ea(e.properties[t], n);
		return Number.isFinite(r) ? [{
			module: e.module,
			value: r,
			weight: e.node_count
		}] : [];
	});
}
function ja(e, t, n, r) {
	let i = /* @__PURE__ */ new Map();
	return e.forEach((a, o) => {
		for (let s of Wi(t, Aa(a, n, r))) {
			let t = i.get(s.id);
			t || i.set(s.id, t = Array(e.length).fill(NaN)), t[o] = s.value;
		}
	}), i;
}
function Ma(e, t, n) {
	let r = Infinity, i = -Infinity;
	for (let a of e) for (let { value: e } of Aa(a, t, n)) e < r && (r = e), e > i && (i = e);
	return r <= i ? [r, i] : null;
}
function Na(e, t, n) {
	return e.flatMap((e) => {
		let r = e.layers.find((e) => e.module === t)?.properties[n];
		return r ? [{
			step: e.step,
			mean: r.mean,
			std: r.std,
			quantiles: [...r.quantiles],
			top: r.top.map(([e, t]) => [e, t])
		}] : [];
	});
}
function Pa(e, t) {
	return e.some((e) => e.layers.some((e) => e.module === t));
}
// src/view/dynamics_layer_panel.ts
var Fa = 300, Ia = 120, La = 38, Ra = 6;
function za() {
	let e = R("section", {
		class: "gf-layer",
		"data-testid": "dynamics-layer",
		"aria-label": "Layer dynamics",
		hidden: !0
	});
	return {
		element: e,
		show(t) {
			if (e.hidden = t === null, !t) return z(e);
			let n = t.history.find((e) => e.step === t.step);
			z(e, R("p", { class: "gf-kind" }, `Layer · ${t.layerType}`), R("h2", { class: "gf-path" }, t.module), R("dl", { class: "gf-facts" }, R("dt", {}, "Channels (nodes)"), R("dd", {}, H(t.nodeCount)), R("dt", {}, "Property"), R("dd", {}, t.property)), R("h3", {}, `${t.property} across steps`), Ba(t.history, t.step), R("p", { class: "gf-note" }, "Line: mean, dashed: mean ± std; bands: quartiles (dark) and min to max (light); the vertical line is the step shown."), R("h3", {}, `Largest channels at step ${t.step}`), n && n.top.length ? R("table", {
				class: "gf-preview",
				"data-testid": "dynamics-top"
			}, R("thead", {}, R("tr", {}, R("th", { scope: "col" }, "channel"), R("th", { scope: "col" }, t.property))), R("tbody", {}, ...n.top.map(([e, t]) => R("tr", { "data-testid": "dynamics-top-channel" }, R("td", { class: "gf-num" }, String(e)), R("td", {
				class: "gf-num",
				title: String(t)
			}, Z(t)))))) : R("p", { class: "gf-muted" }, "This step has no channel values for the layer."), n ? R("p", { class: "gf-note" }, `At step ${t.step}: mean ${Z(n.mean)}, std ${Z(n.std)}, median ${Z(n.quantiles[2] ?? NaN)}, max ${Z(n.quantiles[4] ?? NaN)}.`) : null);
		}
	};
}
function Ba(e, t) {
	let n = V("svg", {
		class: "gf-chart",
		"data-testid": "dynamics-layer-chart",
		viewBox: `0 0 ${Fa} ${Ia}`,
		"aria-label": "The layer's property across steps"
	});
	if (!e.length) return n;
	let [r, i] = ar(e.flatMap((e) => [
		...e.quantiles,
		e.mean - e.std,
		e.mean + e.std
	])) ?? [0, 1], a = e[0].step, o = e[e.length - 1].step, s = (e) => La + (o > a ? (e - a) / (o - a) * 256 : 128), c = (e) => Ra + (i > r ? 1 - (e - r) / (i - r) : .5) * 98, l = (t) => e.map((e) => `${$(s(e.step))},${$(c(t(e)))}`).join(" "), u = (t, n) => [...e.map((e) => `${$(s(e.step))},${$(c(n(e)))}`), ...[...e].reverse().map((e) => `${$(s(e.step))},${$(c(t(e)))}`)].join(" "), d = (e) => (t) => t.quantiles[e] ?? t.mean;
	n.append(V("polygon", {
		class: "gf-band gf-band-outer",
		points: u(d(0), d(4))
	}), V("polygon", {
		class: "gf-band",
		points: u(d(1), d(3))
	}), V("polyline", {
		class: "gf-std",
		points: l((e) => e.mean - e.std)
	}), V("polyline", {
		class: "gf-std",
		points: l((e) => e.mean + e.std)
	}), V("polyline", {
		class: "gf-mean-line",
		points: l((e) => e.mean)
	}), V("line", {
		class: "gf-current",
		x1: $(s(t)),
		x2: $(s(t)),
		y1: Ra,
		y2: 104
	}), V("text", {
		class: "gf-matrix-label",
		x: 35,
		y: 14,
		"text-anchor": "end"
	}, Z(i)), V("text", {
		class: "gf-matrix-label",
		x: 35,
		y: 104,
		"text-anchor": "end"
	}, Z(r)), V("text", {
		class: "gf-matrix-label",
		x: La,
		y: 117,
		"text-anchor": "start"
	}, `step ${a}`), V("text", {
		class: "gf-matrix-label",
		x: 294,
		y: 117,
		"text-anchor": "end"
	}, `step ${o}`));
	for (let r of e) n.append(V("circle", {
		class: r.step === t ? "gf-mean-dot gf-picked" : "gf-mean-dot",
		cx: $(s(r.step)),
		cy: $(c(r.mean)),
		r: 2
	}, V("title", {}, `step ${r.step}: mean ${Z(r.mean)} ± ${Z(r.std)}`)));
	return n;
}
function $(e) {
	return Math.round(e * 10) / 10;
}
function Va(e) {
	return Math.max(0, ...e.map((e) => Da(e.series).length));
}
function Ha(e, t) {
	return t < 1 ? 0 : Math.min(t, Math.max(1, Math.round(Number.isFinite(e) ? e : 5)));
}
function Ua(e, t, n, r) {
	let i = {
		k: t,
		steps: {},
		runs: {},
		scalar: n,
		final: {}
	};
	for (let { run: n, series: a } of e) {
		let e = Da(a).slice(0, t), o = {};
		e.forEach((t, n) => {
			for (let r of t.layers) {
				let t = o[r.module] ??= {};
				for (let [i, a] of Object.entries(r.properties)) {
					let r = t[i] ??= Wa(e.length);
					for (let e of Ca) {
						let t = Ea(a, e);
						r[e][n] = Number.isFinite(t) ? t : null;
					}
				}
			}
		}), i.steps[n] = e.map((e) => e.step), i.runs[n] = o, i.final[n] = r.get(n) ?? null;
	}
	return i;
}
function Wa(e) {
	return Object.fromEntries(Ca.map((t) => [t, Array(e).fill(null)]));
}
function Ga(e) {
	let t = /* @__PURE__ */ new Set();
	for (let n of Object.values(e.runs)) for (let e of Object.keys(n)) t.add(e);
	return [...t];
}
function Ka(e) {
	let t = /* @__PURE__ */ new Set();
	for (let n of Object.values(e.runs)) for (let e of Object.values(n)) for (let n of Object.keys(e)) t.add(n);
	return [...t];
}
function qa(e, t, n, r) {
	return new Map(Object.entries(e.runs).map(([e, i]) => [e, i[t]?.[n]?.[r] ?? []]));
}
function Ja(e) {
	for (let t = e.length - 1; t >= 0; t--) if (e[t] !== null && e[t] !== void 0) return e[t];
	return null;
}
var Ya = "run,module,property,statistic,step,value";
function Xa(e) {
	let t = [Ya];
	for (let [n, r] of Object.entries(e.runs)) {
		let i = e.steps[n] ?? [];
		for (let [e, a] of Object.entries(r)) for (let [r, o] of Object.entries(a)) for (let a of Ca) o[a].forEach((o, s) => {
			t.push([
				Za(n),
				Za(e),
				Za(r),
				a,
				String(i[s] ?? s),
				o === null ? "" : String(o)
			].join(","));
		});
	}
	return `${t.join("\n")}\n`;
}
function Za(e) {
	let t = /^[=+\-@\t\r]/.test(e) ? `'${e}` : e;
	return /[",\n\r]|^\s|\s$/.test(t) ? `"${t.replace(/"/g, "\"\"")}"` : t;
}
// src/view/dynamics_summary_panel.ts
function Qa() {
	let e = R("details", {
		class: "gf-summary-panel",
		"data-testid": "dynamics-summary",
		"aria-label": "Early-training summary",
		open: !0,
		hidden: !0
	}), t = null, n = 5, r = null, i = /* @__PURE__ */ new Set(), a = null;
	function o() {
		if (!t || !t.runs.length) {
			a = null;
			return;
		}
		r = ma(pa(t.runs.flatMap((e) => t.scalars.get(e.run) ?? [])), r);
		let e = new Map(t.runs.map((e) => [e.run, r === null ? null : ga(t.scalars.get(e.run)?.scalars[r] ?? [])?.value ?? null]));
		a = Ua(t.runs, Ha(n, Va(t.runs)), r, e);
	}
	function s() {
		if (e.hidden = t === null, !t) return z(e);
		let { runs: i } = t, o = Va(i), s = R("input", {
			type: "number",
			min: 1,
			max: Math.max(1, o),
			step: 1,
			value: a?.k ?? Ha(n, o),
			"data-testid": "summary-k",
			"aria-label": "First k steps",
			class: "gf-number"
		});
		s.addEventListener("change", () => {
			n = Ha(Number(s.value), Va(t?.runs ?? [])), u();
		});
		let l = pa(i.flatMap((e) => t.scalars.get(e.run) ?? [])), d = R("select", {
			"data-testid": "summary-scalar",
			"aria-label": "Final scalar"
		});
		z(d, ...l.map((e) => B(e, e))), d.value = r ?? "", d.addEventListener("change", () => {
			r = d.value, u();
		});
		let f = eo("summary-export-json", "JSON", () => {
			a && Yr(new Blob([`${JSON.stringify(a, null, 2)}\n`], { type: "application/json" }), `training_summary_k${a.k}.json`);
		}), p = eo("summary-export-csv", "CSV", () => {
			a && Yr(new Blob([Xa(a)], { type: "text/csv" }), `training_summary_k${a.k}.csv`);
		});
		f.disabled = p.disabled = a === null, z(e, R("summary", {}, R("h2", {}, "Early training: runs side by side")), R("div", { class: "gf-row" }, R("label", { class: "gf-inline" }, "First", s, `of ${o} steps`), l.length ? R("label", { class: "gf-inline" }, "Final", d) : null, R("span", { class: "gf-inline" }, "Download", f, p)), t.error ? R("p", {
			class: "gf-search-error",
			role: "status"
		}, t.error) : null, a ? c(a) : R("p", { class: "gf-muted" }, i.length ? "No readable steps." : "Loading the runs' weight-graph properties…"), R("p", { class: "gf-note" }, `A layer's row shows ${t.property} · ${wa[t.stat]}; open it for every property and statistic. A cell draws the value at each of the run's first k logged steps and names the k-th; shading compares runs within the row.`));
	}
	function c(e) {
		let n = Object.keys(e.runs), r = Ka(e), a = R("tr", {}, R("th", { scope: "col" }, "Layer"), ...n.map((t) => R("th", {
			scope: "col",
			"data-testid": "summary-run",
			"data-run": t,
			title: `steps ${(e.steps[t] ?? []).join(", ")}`
		}, t))), o = R("tbody", {});
		for (let n of Ga(e)) {
			let a = i.has(n) || n === t.selected, c = R("button", {
				type: "button",
				class: "gf-link",
				"data-testid": "summary-toggle",
				"aria-expanded": a ? "true" : "false"
			}, `${a ? "▾" : "▸"} ${n}`);
			if (c.addEventListener("click", () => {
				i.has(n) ? i.delete(n) : i.add(n), s();
			}), o.append(R("tr", {
				"data-testid": "summary-layer",
				"data-module": n,
				class: n === t.selected ? "gf-row-selected" : null
			}, R("th", { scope: "row" }, c), ...l(e, n, t.property, t.stat))), a) for (let t of r) for (let r of Ca) o.append(R("tr", {
				"data-testid": "summary-feature",
				"data-module": n,
				"data-property": t,
				"data-statistic": r,
				class: "gf-feature-row"
			}, R("th", { scope: "row" }, `${t} · ${wa[r]}`), ...l(e, n, t, r)));
		}
		return o.append(R("tr", { "data-testid": "summary-final" }, R("th", { scope: "row" }, e.scalar === null ? "final scalar" : `final ${e.scalar}`), ...n.map((t) => R("td", {
			class: "gf-num",
			"data-testid": "summary-cell",
			"data-run": t
		}, e.final[t] === null || e.final[t] === void 0 ? "—" : Z(e.final[t]))))), R("div", { class: "gf-summary-scroll" }, R("table", {
			class: "gf-summary-table",
			"data-testid": "summary-table"
		}, R("thead", {}, a), o));
	}
	function l(e, t, n, r) {
		let i = qa(e, t, n, r), a = ar([...i.values()].map((e) => Ja(e) ?? NaN));
		return [...i].map(([i, o]) => {
			let s = Ja(o), c = e.steps[i] ?? [], l = R("td", {
				class: "gf-num gf-heat",
				"data-testid": "summary-cell",
				"data-run": i,
				title: `${i} · ${t} · ${n} ${wa[r]}: ${o.map((e, t) => `step ${c[t]}: ${e === null ? "—" : Z(e)}`).join(", ")}`
			}, o.length > 1 ? $a(o) : null, s === null ? "—" : Z(s));
			return a && s !== null && l.style.setProperty("--gf-heat", String(a[1] > a[0] ? (s - a[0]) / (a[1] - a[0]) : .5)), l;
		});
	}
	function u() {
		o(), s();
	}
	return {
		element: e,
		show(e) {
			t = e, u();
		},
		highlight(e) {
			t && t.selected !== e && (t = {
				...t,
				selected: e
			}, s());
		},
		summary: () => a
	};
}
function $a(e) {
	return V("svg", {
		class: "gf-cell-spark",
		viewBox: "0 0 40 12",
		"aria-hidden": "true"
	}, V("polyline", {
		class: "gf-spark",
		points: ur(e.map((e) => e ?? NaN), {
			x: 0,
			y: 1,
			width: 40,
			height: 10
		}).filter((e) => Number.isFinite(e.y)).map((e) => `${e.x.toFixed(1)},${e.y.toFixed(1)}`).join(" ")
	}));
}
function eo(e, t, n) {
	let r = R("button", {
		type: "button",
		class: "gf-button",
		"data-testid": e
	}, t);
	return r.addEventListener("click", n), r;
}
// src/view/overlay_bar.ts
var to = {
	none: "None",
	pruning: "Pruning metrics",
	dynamics: "Training dynamics"
};
function no(e, t = null) {
	let n = R("select", {
		"data-testid": "overlay-mode",
		"aria-label": "Overlay"
	}), r = R("select", {
		"data-testid": "overlay-step",
		"aria-label": "Statistics step"
	}), i = R("select", {
		"data-testid": "overlay-metric",
		"aria-label": "Colour layers by"
	}), a = R("select", {
		"data-testid": "overlay-weak-by",
		"aria-label": "Weak by"
	}), o = R("span", {
		class: "gf-overlay-status",
		"data-testid": "overlay-status",
		role: "status"
	}), s = R("label", {}, "Step", r), c = R("label", {}, "Colour by", i), l = R("label", {}, "weak by", a), u = R("div", {
		class: "gf-overlay-bar",
		"data-testid": "overlay-bar",
		hidden: !0
	}, R("label", {}, "Overlay", n), s, c, l, t, o);
	n.addEventListener("change", () => e.mode(n.value)), r.addEventListener("change", () => e.step(Number(r.value))), i.addEventListener("change", () => e.metric(i.value)), a.addEventListener("change", () => e.weakBy(a.value));
	function d(e) {
		if (u.hidden = e === null, !e) return;
		let t = e.mode === "pruning";
		ro(n, e.modes.map((e) => ({
			value: e,
			label: to[e]
		})), e.mode), ro(r, e.steps.map((e) => ({
			value: String(e),
			label: `step ${e}`
		})), String(e.step ?? "")), s.hidden = !t || e.steps.length < 2, ro(i, e.metrics, e.metric), c.hidden = !t || !e.metrics.length, ro(a, e.weakBy, e.weakByValue), l.hidden = !t || !e.weakBy.length, o.textContent = e.status, o.hidden = !e.status, o.classList.toggle("gf-search-error", e.error);
	}
	return {
		element: u,
		show: d
	};
}
function ro(e, t, n) {
	e.options.length === t.length && t.every((t, n) => e.options[n]?.value === t.value && e.options[n]?.textContent === t.label) || z(e, ...t.map((e) => B(e.value, e.label))), e.value = n;
}
function io() {
	let e = R("div", {
		class: "gf-legend",
		"data-testid": "overlay-legend",
		hidden: !0,
		"aria-label": "Overlay legend"
	});
	return {
		element: e,
		show(t) {
			if (e.hidden = t === null, !t) return z(e);
			let { scale: n, ramp: r } = t, i = t.format ?? Z, a = ir(n, r), o = R("div", {
				class: "gf-legend-bar",
				"data-testid": "overlay-legend-scale"
			});
			o.style.background = `linear-gradient(to right, ${a.map((e) => `${e.color} ${Math.round(e.offset * 100)}%`).join(", ")})`;
			let s = t.markWeak ?? !0, c = s && n.weak === "low", l = s && n.weak === "high";
			z(e, R("div", { class: "gf-legend-title" }, t.title), o, R("div", { class: "gf-legend-range" }, R("span", { "data-testid": "overlay-legend-min" }, `${i(n.min)}${c ? " (weak)" : ""}`), R("span", { "data-testid": "overlay-legend-max" }, `${i(n.max)}${l ? " (weak)" : ""}`)), ...t.notes.map((e) => R("div", { class: "gf-note" }, e)), R("div", { class: "gf-legend-neutral" }, ao(t.neutral), "no statistics"));
		}
	};
}
function ao(e) {
	let t = R("span", { class: "gf-swatch" });
	return t.style.background = e, t;
}
function oo(e) {
	let t = R("select", {
		"data-testid": "dynamics-property",
		"aria-label": "Property"
	}), n = R("select", {
		"data-testid": "dynamics-stat",
		"aria-label": "Statistic"
	});
	ro(n, Ca.map((e) => ({
		value: e,
		label: wa[e]
	})), "mean");
	let r = R("input", {
		type: "range",
		min: 0,
		max: 0,
		step: 1,
		value: 0,
		"data-testid": "dynamics-step",
		"aria-label": "Step",
		class: "gf-slider"
	}), i = R("span", {
		class: "gf-step-label",
		"data-testid": "dynamics-step-label"
	}), a = R("span", {
		class: "gf-dynamics-controls",
		hidden: !0
	}, R("label", {}, "Property", t), R("label", {}, "Statistic", n), R("label", {}, "Step", r, i));
	t.addEventListener("change", () => e.property(t.value)), n.addEventListener("change", () => e.stat(n.value)), r.addEventListener("input", () => e.step(Number(r.value)));
	let o = [];
	return {
		element: a,
		show(e) {
			a.hidden = e === null, e && (ro(t, e.properties.map((e) => ({
				value: e,
				label: e
			})), e.property), n.value = e.stat, e.steps.join() !== o.join() && (o = e.steps, r.max = String(Math.max(0, o.length - 1))), r.value = String(e.index), r.disabled = o.length < 2, i.textContent = o.length ? `step ${o[e.index]} (${e.index + 1} of ${o.length})` : "no readable step");
		}
	};
}
// src/view/dynamics_controller.ts
function so(e) {
	let t = 0, n = !1, r = "", i = [], a = null, o = /* @__PURE__ */ new Map(), s = /* @__PURE__ */ new Map(), c = [], l = null, u = "", d = null, f = "mean", p = 0, m = null, h = ni, g = null, _ = /* @__PURE__ */ new Map(), v = /* @__PURE__ */ new Map(), y = null, b = "", x = oo({
		property: (e) => {
			d = e, A(), M();
		},
		stat: (e) => {
			f = e, A(), M();
		},
		step: (e) => {
			p = e, l = c[p]?.step ?? null, P(), N(), F();
		}
	}), S = za(), C = Qa(), w = (e) => JSON.stringify([e.run, e.tag]), T = () => a ? o.get(w(a)) ?? null : null;
	async function E(t) {
		let n = o.get(w(t));
		if (n) return n;
		let r = await e.track(e.api.weightGraph({
			run: t.run,
			tag: t.tag
		}));
		return o.set(w(t), r), r;
	}
	async function D() {
		let r = t;
		if (!n || !a) return M();
		if (!T()) {
			e.status(`Loading weight-graph properties of ${a.run}…`, !1);
			try {
				await E(a);
			} catch (n) {
				return r === t ? (e.status(`Could not load the weight-graph properties: ${co(n)}`, !0), M()) : void 0;
			}
			if (r !== t) return;
			e.status("", !1);
		}
		O(T()), M(), await k(r);
	}
	function O(e) {
		c = Da(e), d = ka(e.properties, d);
		let t = c.findIndex((e) => e.step === l);
		p = t >= 0 ? t : Math.max(0, c.length - 1), A();
	}
	async function k(n) {
		let a = Xi(i, "weight_graph", r), o = [];
		await Promise.all(a.map(async (t) => {
			try {
				await E(t);
			} catch (e) {
				o.push(`${t.run}: ${co(e)}`);
			}
			if (!s.has(t.run)) try {
				s.set(t.run, await e.track(e.scalars(t.run)));
			} catch (e) {
				o.push(`scalars of ${t.run}: ${co(e)}`);
			}
		})), n === t && (b = o.length ? `Could not load ${o.join("; ")}` : "", I());
	}
	function A() {
		v = m && d ? ja(c, Hi(m), d, f) : /* @__PURE__ */ new Map();
	}
	function j() {
		return n && d !== null && c.length > 0;
	}
	function M() {
		P(), N(), F(), I();
	}
	function N() {
		x.show(n && a ? {
			properties: T()?.properties ?? [],
			property: d ?? "",
			stat: f,
			steps: c.map((e) => e.step),
			index: p
		} : null);
	}
	function P() {
		if (_ = /* @__PURE__ */ new Map(), y = null, !j() || !m) {
			n && e.paint(null), n && e.legend(null);
			return;
		}
		let t = c[p];
		for (let e of Wi(Hi(m), Aa(t, d, f))) _.set(e.id, e);
		let r = Ma(c, d, f), i = h.dark ? tr : er;
		r && (y = nr(r[0], r[1], "high", i));
		let a = /* @__PURE__ */ new Map();
		if (y) for (let [e, t] of _) a.set(e, y.color(t.value));
		let o = new Map([...v].map(([e, t]) => [e, {
			values: t,
			current: p
		}]));
		e.paint({
			fills: a,
			neutralFill: h.boundaryFill,
			stroke: h.opStroke,
			sparklines: o
		}), e.legend(y ? {
			title: `${d} · ${wa[f]} over the layer's channels, step ${t.step}`,
			scale: y,
			ramp: i,
			markWeak: !1,
			notes: [
				`Range: every layer over all ${c.length} logged steps.`,
				"Modules and stacks: layer values weighted by node count.",
				"Sparklines: the value across the steps, each on its own scale; the dot is the step shown."
			],
			neutral: h.boundaryFill
		} : null);
	}
	function F() {
		if (!j() || g === null || !Pa(c, g)) return S.show(null);
		let e = c.flatMap((e) => e.layers).find((e) => e.module === g);
		S.show({
			module: g,
			layerType: e.layer_type,
			nodeCount: e.node_count,
			property: d,
			history: Na(c, g, d),
			step: c[p].step
		});
	}
	function I() {
		if (!n || !a) return C.show(null);
		let e = Xi(i, "weight_graph", r).flatMap((e) => {
			let t = o.get(w(e));
			return t ? [{
				run: e.run,
				series: t
			}] : [];
		});
		C.show({
			runs: e,
			scalars: s,
			property: d ?? "",
			stat: f,
			selected: g,
			error: b
		});
	}
	return {
		controls: x.element,
		layerPanel: S.element,
		summaryPanel: C.element,
		use(e, n) {
			return t++, i = e, r = n.tag, a = Yi(e, n.run, n.tag), o.clear(), s.clear(), b = "", c = [], p = 0, m = null, g = null, a && w(a) !== u && (l = null), a && (u = w(a)), a !== null;
		},
		setActive(e) {
			return n = e, e ? D() : (x.show(null), S.show(null), C.show(null), Promise.resolve());
		},
		sceneShown(e) {
			m = e, A(), n && P();
		},
		selected(e) {
			e !== g && (g = e, n && (F(), C.highlight(e)));
		},
		setPalette(e) {
			h = e, n && P();
		},
		clear() {
			t++, a = null, i = [], o.clear(), s.clear(), c = [], m = null, g = null;
		},
		describe(e) {
			let t = _.get(e);
			if (!t || !y) return null;
			let n = `${Z(t.value)} ${wa[f]} ${d} at step ${c[p].step}`;
			return t.layers > 1 ? `${n}, over ${t.layers} layers (${t.weight} nodes)` : `${n} (${t.weight} nodes)`;
		},
		debug() {
			let t = j() && g !== null ? Na(c, g, d) : [], n = t.find((e) => e.step === c[p]?.step);
			return {
				property: d,
				stat: f,
				step: j() ? c[p].step : null,
				series: a && T() ? {
					run: a.run,
					tag: a.tag
				} : null,
				range: y ? [y.min, y.max] : null,
				colored: [..._.values()].map((e) => ({
					id: e.id,
					value: e.value
				})),
				sparklines: j() ? e.drawnSparklines() : 0,
				layer: t.length ? {
					module: g,
					property: d,
					history: t,
					top: n?.top ?? []
				} : null
			};
		},
		summary: () => C.summary()
	};
}
function co(e) {
	return e instanceof Error ? e.message : String(e);
}
// src/overlay/class_pairs.ts
function lo(e, t, n) {
	let r = go(e, t), i = go(e, n);
	return r.map((e, t) => e - (i[t] ?? NaN));
}
function uo(e, t, n) {
	let r = lo(e, t, n).filter((e) => Number.isFinite(e));
	return r.length ? r.reduce((e, t) => e + Math.abs(t), 0) / r.length : 0;
}
function fo(e) {
	return e.map((t, n) => e.map((t, r) => n === r ? 0 : uo(e, n, r)));
}
function po(e) {
	let t = 0;
	for (let n = 0; n < (e[0]?.length ?? 0); n++) {
		let r = Infinity, i = -Infinity;
		for (let t of e) {
			let e = t[n];
			e !== void 0 && Number.isFinite(e) && (e < r && (r = e), e > i && (i = e));
		}
		i - r > t && (t = i - r);
	}
	return t;
}
function mo(e, t, n, r) {
	let i = t === n ? go(e, t) : lo(e, t, n);
	return r.map((e) => i[e] ?? NaN);
}
function ho(e, t) {
	if (e.length <= t || t < 1) return [...e];
	let n = [];
	for (let r = 0; r < t; r++) {
		let i = Math.floor(r * e.length / t), a = Math.floor((r + 1) * e.length / t), o = 0, s = 0;
		for (let t = i; t < a; t++) {
			let n = e[t];
			Number.isFinite(n) && (o += n, s += 1);
		}
		n.push(s ? o / s : NaN);
	}
	return n;
}
function go(e, t) {
	let n = e[t];
	if (!n) throw RangeError(`class ${t} is out of range: the layer has ${e.length} classes`);
	return n;
}
// src/overlay/filter_selection.ts
function _o(e, t, n, r) {
	if (!n.length || r <= 0) return [];
	let i = Math.max(0, Math.min(e, t)), a = Math.min(r, Math.max(e, t));
	if (a < i) return [];
	let o = r / n.length, s = Math.min(n.length - 1, Math.floor(i / o)), c = Math.min(n.length - 1, Math.max(s, Math.ceil(a / o) - 1));
	return bo(n.slice(s, c + 1));
}
function vo(e, t) {
	let n = e.filter((e) => e.length > 0);
	if (!n.length) return [];
	if (t === "union") return bo(n.flat());
	let [r, ...i] = n, a = i.map((e) => new Set(e));
	return bo(r.filter((e) => a.every((t) => t.has(e))));
}
function yo(e, t) {
	return e.includes(t) ? e.filter((e) => e !== t) : bo([...e, t]);
}
function bo(e) {
	return [...new Set(e)].sort((e, t) => e - t);
}
var xo = 64, So = 28, Co = 72, wo = 2;
function To(e, t) {
	let n = e.order.length, r = 300 / Math.max(1, n), i = V("svg", {
		class: "gf-chart",
		"data-testid": "filter-activation",
		viewBox: "0 0 300 98",
		"aria-label": "Filter activations, one class"
	}), [a, o] = ar(e.metric) ?? [0, 1], s = V("g", { class: "gf-brushed" }), c = V("g", {}), l = V("g", { class: "gf-metric-bars" });
	e.order.forEach((t, n) => {
		let i = n * r, u = Math.max(.5, r - +(r > 3)), d = Do(e.activation[t] ?? 0), f = e.selected.has(t);
		e.brushed.has(t) && s.append(V("rect", {
			x: i,
			y: 0,
			width: r,
			height: 98,
			class: "gf-band"
		})), c.append(V("rect", {
			x: i,
			y: xo * (1 - d),
			width: u,
			height: Math.max(.5, xo * d),
			class: f ? "gf-bar gf-selected" : "gf-bar",
			"data-filter": t
		}, V("title", {}, `filter ${t}: a = ${Z(e.activation[t] ?? NaN)}, ${e.metricLabel} ${Z(e.metric[t] ?? NaN)}`)));
		let p = e.metric[t] ?? NaN, m = Number.isFinite(p) ? o > a ? (p - a) / (o - a) : .5 : 0;
		l.append(V("rect", {
			x: i,
			y: 70 + So * (1 - m),
			width: u,
			height: Math.max(.5, So * m),
			class: f ? "gf-bar gf-selected" : "gf-bar"
		}));
	});
	let u = V("rect", {
		class: "gf-brush-rect",
		x: 0,
		y: 0,
		width: 0,
		height: 98,
		hidden: !0
	}), d = V("rect", {
		class: "gf-brush",
		"data-testid": "filter-brush",
		x: 0,
		y: 0,
		width: 300,
		height: 98
	});
	i.append(s, c, l, V("line", {
		class: "gf-zero",
		x1: 0,
		x2: 300,
		y1: 64.5,
		y2: 64.5
	}), u, d);
	let f = null, p = (e) => {
		let t = i.getBoundingClientRect();
		return t.width > 0 ? (e - t.left) / t.width * 300 : 0;
	};
	return d.addEventListener("pointerdown", (e) => {
		e.button === 0 && (e.preventDefault(), f = p(e.clientX), d.setPointerCapture?.(e.pointerId));
	}), d.addEventListener("pointermove", (e) => {
		if (f === null) return;
		let t = p(e.clientX);
		u.removeAttribute("hidden"), u.setAttribute("x", String(Math.min(f, t))), u.setAttribute("width", String(Math.abs(t - f)));
	}), d.addEventListener("pointerup", (n) => {
		if (f === null) return;
		let r = p(n.clientX), i = f;
		if (f = null, u.setAttribute("hidden", ""), Math.abs(r - i) < wo) {
			let [n] = _o(r, r, e.order, 300);
			n !== void 0 && t.toggle(n);
		} else t.brush(_o(i, r, e.order, 300));
	}), d.addEventListener("pointercancel", () => {
		f = null, u.setAttribute("hidden", "");
	}), i;
}
function Eo(e, t) {
	let n = t.length, r = 300 / Math.max(1, n), i = Math.max(1e-12, ...e.filter(Number.isFinite).map(Math.abs)), a = Co / 2, o = V("svg", {
		class: "gf-chart",
		"data-testid": "cpd-chart",
		viewBox: `0 0 300 ${Co}`,
		"aria-label": "Class pairwise difference per filter"
	});
	return t.forEach((t, n) => {
		let s = e[t] ?? NaN;
		if (!Number.isFinite(s)) return;
		let c = Math.abs(s) / i * 34;
		o.append(V("rect", {
			x: n * r,
			y: s >= 0 ? a - c : a,
			width: Math.max(.5, r - +(r > 3)),
			height: Math.max(.5, c),
			class: s >= 0 ? "gf-bar gf-pos" : "gf-bar gf-neg",
			"data-filter": t
		}, V("title", {}, `filter ${t}: CPD ${Z(s)}`)));
	}), o.append(V("line", {
		class: "gf-zero",
		x1: 0,
		x2: 300,
		y1: a,
		y2: a
	})), o;
}
function Do(e) {
	return Number.isFinite(e) ? Math.min(1, Math.max(0, e)) : 0;
}
var Oo = 34, ko = 14;
function Ao(e, t) {
	let n = Math.min(e.a.length, 32), r = 266 / Math.max(1, n), i = ko + r * n, a = fo(e.a.slice(0, n)), o = Math.max(0, ...a.flat()) || 1, s = po(e.a.slice(0, n)) || 1, c = Math.max(2, Math.floor(r * 2)), l = V("svg", {
		class: "gf-matrix",
		"data-testid": "sparkline-matrix",
		viewBox: `0 0 300 ${i}`,
		role: "grid",
		"aria-label": "Class-pair sparkline matrix"
	});
	for (let t = 0; t < n; t++) {
		let n = e.classNames[t] ?? String(t), i = Oo + t * r + r / 2;
		l.append(V("text", {
			class: "gf-matrix-label",
			x: i,
			y: 11,
			"text-anchor": "middle"
		}, jo(n, r), V("title", {}, n))), l.append(V("text", {
			class: "gf-matrix-label",
			x: 31,
			y: ko + t * r + r / 2 + 3,
			"text-anchor": "end"
		}, jo(n, Oo), V("title", {}, n)));
	}
	for (let i = 0; i < n; i++) for (let u = 0; u < n; u++) {
		let n = Oo + u * r, d = ko + i * r, f = ho(mo(e.a, i, u, e.order), c), p = i === u, m = e.pair !== null && e.pair[0] === i && e.pair[1] === u, h = V("g", {
			class: `gf-matrix-cell${p ? " gf-diagonal" : ""}${m ? " gf-picked" : ""}${p && i === e.activeClass ? " gf-active" : ""}`,
			"data-testid": "matrix-cell",
			"data-row": i,
			"data-col": u,
			role: "gridcell",
			"aria-selected": m ? "true" : null
		}), g = e.classNames[i] ?? String(i), _ = e.classNames[u] ?? String(u), v = V("rect", {
			class: "gf-cell-bg",
			x: n + .5,
			y: d + .5,
			width: r - 1,
			height: r - 1
		});
		p || v.setAttribute("fill-opacity", String(.06 + .5 * ((a[i]?.[u] ?? 0) / o))), h.append(V("title", {}, p ? `a[${g}, ·]: class ${g}'s normalised mean activation per filter` : `a[${g}, ·] − a[${_}, ·]; mean |difference| ${Z(a[i]?.[u] ?? 0)}. Click for the CPD of this pair.`), v);
		let y = Math.min(2, r / 8), b = d + y, x = r - 2 * y, S = p ? (e) => b + x * (1 - e) : (e) => b + x / 2 - e / s * (x / 2);
		p || h.append(V("line", {
			class: "gf-zero",
			x1: n + y,
			x2: n + r - y,
			y1: b + x / 2,
			y2: b + x / 2
		}));
		let C = f.flatMap((e, t) => Number.isFinite(e) ? [`${Mo(n + y + (f.length > 1 ? t / (f.length - 1) * x : x / 2))},${Mo(S(e))}`] : []);
		h.append(V("polyline", {
			class: "gf-spark",
			points: C.join(" ")
		})), h.addEventListener("click", () => t(i, u)), l.append(h);
	}
	return l;
}
function jo(e, t) {
	let n = Math.max(1, Math.floor(t / 5.5));
	return e.length <= n ? e : `${e.slice(0, Math.max(1, n - 1))}…`;
}
function Mo(e) {
	return Math.round(e * 10) / 10;
}
// src/view/layer_panel.ts
function No(e) {
	let t = R("section", {
		class: "gf-layer",
		"data-testid": "layer-panel",
		"aria-label": "Layer filters",
		hidden: !0
	}), n = null, r = null, i = "union", a = 10, o = "", s = /* @__PURE__ */ new Map();
	function c(e, t) {
		let n = s.get(e);
		return n || s.set(e, n = {
			order: t,
			pair: null,
			activeClass: 0,
			selections: /* @__PURE__ */ new Map()
		}), n;
	}
	function l(e) {
		e !== n && s.clear(), n = e;
	}
	function u(e) {
		return n.metrics.find((t) => t.key === e) ?? n.metrics[0];
	}
	function d(e, t) {
		let n = u(t.order);
		return Li(e.metrics[n.key] ?? [], n.weak);
	}
	function f(e) {
		return vo([...e.selections.values()], i);
	}
	function p(e, t, n) {
		n.length ? e.selections.set(t, [...new Set(n)].sort((e, t) => e - t)) : e.selections.delete(t), o = "";
	}
	function m() {
		if (t.hidden = !n || !r, !n || !r) return z(t);
		let s = n, l = r, h = c(l.module, s.metrics[0].key), g = d(l, h), _ = u(h.order), v = f(h), y = ea(s, l.module), b = R("select", {
			"data-testid": "matrix-order",
			"aria-label": "Order filters by"
		});
		z(b, ...s.metrics.map((e) => B(e.key, `${e.label} (weakest first)`))), b.value = h.order, b.addEventListener("change", () => {
			h.order = b.value, m();
		});
		let x = s.class_names.length, S = Ao({
			a: l.class_means_normalized,
			classNames: s.class_names,
			order: g,
			pair: h.pair,
			activeClass: h.activeClass
		}, (e, t) => {
			e === t ? h.activeClass = e : h.pair = [e, t], m();
		}), C = R("select", {
			"data-testid": "activation-class",
			"aria-label": "Class"
		});
		z(C, ...s.class_names.map((e, t) => B(String(t), e))), C.value = String(h.activeClass), C.addEventListener("change", () => {
			h.activeClass = Number(C.value), m();
		});
		let w = To({
			activation: l.class_means_normalized[h.activeClass] ?? [],
			metric: l.metrics[_.key] ?? [],
			metricLabel: _.label,
			order: g,
			selected: new Set(v),
			brushed: new Set(h.selections.get(h.order) ?? [])
		}, {
			brush: (e) => {
				p(h, h.order, e), m();
			},
			toggle: (e) => {
				p(h, h.order, yo(h.selections.get(h.order) ?? [], e)), m();
			}
		}), T = R("input", {
			type: "number",
			min: 0,
			max: 100,
			step: 1,
			value: a,
			"data-testid": "weakest-percent",
			"aria-label": "Percent of filters",
			class: "gf-number"
		});
		T.addEventListener("change", () => {
			a = Math.min(100, Math.max(0, Number(T.value) || 0));
		});
		let E = Fo("select-weakest", `Select weakest by ${_.label}`, () => {
			a = Math.min(100, Math.max(0, Number(T.value) || 0)), p(h, h.order, Ri(l.metrics[_.key] ?? [], _.weak, a)), m();
		}), D = R("select", {
			"data-testid": "selection-combine",
			"aria-label": "Combine the selections of each metric"
		});
		D.append(B("union", "union"), B("intersection", "intersection")), D.value = i, D.addEventListener("change", () => {
			i = D.value, m();
		});
		let O = [...h.selections].map(([e, t]) => R("li", {}, `${u(e).label}: ${t.length}`, " ", Fo(`selection-clear-${e}`, "✕", () => {
			p(h, e, []), m();
		}, `Clear the selection made under ${u(e).label}`))), k = Fo("plan-add", "Add selection to plan", () => {
			o = e.addToPlan(l.module, v) ?? `Plan: remove ${v.length} of ${l.filter_count} filters of ${l.module}.`, m();
		});
		k.disabled = y !== null || v.length === 0, y && (k.title = y);
		let A = ua(s, l), j = A ? A.modules.filter((e) => e !== l.module) : [], M = h.pair ? lo(l.class_means_normalized, h.pair[0], h.pair[1]) : null, N = (e) => s.class_names[e] ?? String(e);
		z(t, R("p", { class: "gf-kind" }, `Layer · ${l.layer_type}`), R("h2", { class: "gf-path" }, l.module), R("dl", {
			class: "gf-facts",
			"data-testid": "layer-summary"
		}, ...Po("Filters", H(l.filter_count)), ...Po("Hooked tensor", l.hooked), ...Po("Weight shape", l.weight_shape.join(" × ")), ...Po("Coupled with", j.length ? j.join(", ") : "no other layer"), ...Po("Prunable", y ?? (A ? `yes; one channel saves ${H(A.parameters_per_channel)} parameters, ${H(A.macs_per_channel)} MACs` : "yes"))), R("label", { class: "gf-inline" }, "Order filters by ", b), R("h3", {}, "Class pairs"), S, R("p", { class: "gf-note" }, x > 32 ? `Showing the first 32 of ${x} classes. ` : "", "Diagonal: a[c, ·] per filter. Row r, column c: a[r, ·] − a[c, ·]; darker where the layer separates the pair. Click a cell for its CPD."), M && h.pair ? R("section", { "data-testid": "cpd-panel" }, R("h3", {}, "Class pairwise difference"), R("p", {
			class: "gf-note",
			"data-testid": "cpd-pair"
		}, `CPD = a[A, f] − a[B, f], A = ${N(h.pair[0])} (baseline), B = ${N(h.pair[1])}; mean |CPD| ${Z(uo(l.class_means_normalized, h.pair[0], h.pair[1]))}`), Eo(M, g)) : null, R("h3", {}, "Filter activations"), R("label", { class: "gf-inline" }, "Class ", C), w, R("p", { class: "gf-note" }, `Bars: a[class, f]; below: ${_.label}. Drag across the bars to select filters under ${_.label}; click one to toggle it.`), R("div", { class: "gf-row" }, T, "%", E), O.length ? R("ul", {
			class: "gf-selections",
			"data-testid": "selection-metrics"
		}, ...O) : null, R("div", { class: "gf-row" }, R("label", { class: "gf-inline" }, "Combine ", D), R("span", { "data-testid": "filter-selection-count" }, `${v.length} of ${l.filter_count} filters selected`)), R("div", { class: "gf-row" }, k), o ? R("p", {
			class: "gf-note",
			"data-testid": "layer-message",
			role: "status"
		}, o) : null);
	}
	return {
		element: t,
		show(e, t, n) {
			l(e), r = e && t !== null ? Q(e, t) ?? null : null, r && c(r.module, n), o = "", m();
		},
		follow(e) {
			r && (c(r.module, e).order = e, m());
		},
		selectFilters(e, t, n, i) {
			l(e);
			let a = Q(e, t);
			if (!a) throw Error(`selectFilters: no layer "${t}"; layers: ${e.layers.map((e) => e.module).join(", ")}`);
			r = a;
			let o = c(t, i ?? e.metrics[0].key);
			p(o, i ?? o.order, n), m();
		},
		debug() {
			if (!n || !r) return null;
			let e = c(r.module, n.metrics[0].key);
			return {
				module: r.module,
				order: e.order,
				filterOrder: d(r, e),
				pair: e.pair,
				cpd: e.pair ? lo(r.class_means_normalized, e.pair[0], e.pair[1]) : null,
				activeClass: e.activeClass,
				selections: Object.fromEntries(e.selections),
				combine: i,
				selected: f(e)
			};
		}
	};
}
function Po(e, t) {
	return [R("dt", {}, e), R("dd", {}, t)];
}
function Fo(e, t, n, r) {
	let i = R("button", {
		type: "button",
		class: "gf-button",
		"data-testid": e,
		title: r ?? null
	}, t);
	return i.addEventListener("click", n), i;
}
// src/view/plan_panel.ts
function Io(e) {
	let t = R("section", {
		class: "gf-plan",
		"data-testid": "pruning-plan",
		"aria-label": "Pruning plan",
		hidden: !0
	});
	function n(n, r, i) {
		if (t.hidden = n === null, !n) return z(t);
		let a = oa(n, r), o = ra(n, r), s = ta(n, r).filter((e) => e.modules.length > 1), c = R("button", {
			type: "button",
			class: "gf-button",
			"data-testid": "plan-download"
		}, "Download plan (JSON)");
		c.disabled = r.size === 0 || a.length > 0, c.addEventListener("click", e.download);
		let l = R("button", {
			type: "button",
			class: "gf-button",
			"data-testid": "plan-clear"
		}, "Clear");
		l.disabled = r.size === 0, l.addEventListener("click", e.clear), z(t, R("h2", {}, "Pruning plan"), r.size ? R("ul", { class: "gf-plan-layers" }, ...[...r].map(([t, r]) => {
			let i = R("button", {
				type: "button",
				class: "gf-link",
				"data-testid": "plan-remove",
				title: `Take ${t} out of the plan`,
				"aria-label": `Take ${t} out of the plan`
			}, "remove");
			i.addEventListener("click", () => e.remove(t));
			let a = Q(n, t);
			return R("li", {
				"data-testid": "plan-layer",
				"data-module": t
			}, R("span", { class: "gf-path" }, t), R("span", { class: "gf-note" }, `${H(r.length)} of ${H(a?.filter_count ?? 0)} filters`), i);
		})) : R("p", { class: "gf-muted" }, "Select filters of a layer, then add the selection to the plan."), ...s.map((e) => R("p", { class: "gf-note" }, `Coupled: ${e.modules.join(", ")} lose the same ${H(e.removed)} of ${H(e.channelCount)} channels.`)), Lo(o), ...a.map((e) => R("p", {
			class: "gf-search-error",
			"data-testid": "plan-warning"
		}, e)), i ? R("p", {
			class: "gf-note",
			"data-testid": "plan-message",
			role: "status"
		}, i) : null, R("div", { class: "gf-row" }, c, l));
	}
	return {
		element: t,
		show: n
	};
}
function Lo(e) {
	let t = (e, t, n, r) => R("tr", { "data-testid": r }, R("th", { scope: "row" }, e), R("td", {
		class: "gf-num",
		title: H(t)
	}, U(t)), R("td", {
		class: "gf-num",
		title: H(n)
	}, U(n)), R("td", { class: "gf-num" }, Xe(t, n)));
	return R("table", {
		class: "gf-preview",
		"data-testid": "plan-preview"
	}, R("thead", {}, R("tr", {}, R("th", {}, ""), R("th", { scope: "col" }, "before"), R("th", { scope: "col" }, "after"), R("th", { scope: "col" }, "saved"))), R("tbody", {}, t("Parameters", e.parameters_before, e.parameters_after, "plan-parameters"), t("MACs", e.macs_before, e.macs_after, "plan-macs")));
}
// src/view/overlay_controller.ts
function Ro(e) {
	let t = 0, n = [], r = null, i = !1, a = /* @__PURE__ */ new Map(), o = null, s = null, c = "none", l = Ai, u = "discriminability", d = "", f = !1, p = null, m = ni, h = null, g = null, _ = /* @__PURE__ */ new Map(), v = "", y = /* @__PURE__ */ new Map(), b = null, x = io(), S = (t) => {
		let n = a.get(t);
		return n || a.set(t, n = e.api.scalars(t)), n;
	}, C = so({
		api: e.api,
		paint: e.paint,
		legend: (e) => x.show(e),
		status: (e, t) => {
			d = e, f = t, N();
		},
		track: e.track,
		scalars: S,
		drawnSparklines: e.drawnSparklines
	}), w = Sa({
		scalars: S,
		track: e.track
	}), T = no({
		mode: (t) => {
			c = t, d = "", f = !1, e.track(C.setActive(c === "dynamics")), A();
		},
		step: (e) => {
			o = e, A();
		},
		metric: (e) => {
			l = e, N(), F();
			let t = k();
			t && E.follow(t);
		},
		weakBy: (e) => {
			u = e, F();
		}
	}, C.controls), E = No({ addToPlan: ee }), D = Io({
		remove: (e) => {
			let t = new Map(_);
			t.delete(e), _ = t, v = "", L();
		},
		clear: () => {
			_ = /* @__PURE__ */ new Map(), v = "", L();
		},
		download: () => {
			if (!s) return;
			let e = ca(s, _);
			Yr(new Blob([`${JSON.stringify(e, null, 2)}\n`], { type: "application/json" }), la(e.source));
		}
	});
	function O() {
		return c === "pruning" && s !== null;
	}
	function k() {
		if (!s) return null;
		let e = s.metrics.map((e) => e.key);
		return l !== "weak_share" && e.includes(l) ? l : u !== "any" && e.includes(u) ? u : e[0] ?? null;
	}
	async function A() {
		let n = t;
		if (c === "pruning" && r && o !== null && (!s || s.step !== o || s.tag !== r.tag || s.run !== r.run)) {
			d = `Loading filter statistics (step ${o})…`, f = !1, N();
			try {
				let i = await e.track(e.api.filterStats({
					run: r.run,
					tag: r.tag,
					step: o
				}));
				if (n !== t) return;
				j(i), d = "";
			} catch (e) {
				if (n !== t) return;
				d = `Could not load the filter statistics: ${e instanceof Error ? e.message : String(e)}`, f = !0;
			}
		}
		N(), F(), I();
	}
	function j(e) {
		s = e, _ = /* @__PURE__ */ new Map(), v = "";
		let t = e.metrics.map((e) => e.key);
		l !== "weak_share" && !t.includes(l) && (l = Ai), u !== "any" && !t.includes(u) && (u = t[0] ?? "any");
	}
	function M() {
		return [
			"none",
			...r ? ["pruning"] : [],
			...i ? ["dynamics"] : []
		];
	}
	function N() {
		if (!r && !i) return T.show(d ? P() : null);
		if (!r) return T.show(P());
		T.show({
			mode: c,
			modes: M(),
			steps: Zi(r),
			step: o,
			metrics: s ? [...s.metrics.map((e) => ({
				value: e.key,
				label: `${e.label} (layer mean)`
			})), {
				value: Ai,
				label: "Share of weak filters"
			}] : [],
			metric: l,
			weakBy: s && l === "weak_share" ? [{
				value: "any",
				label: "any metric"
			}, ...s.metrics.map((e) => ({
				value: e.key,
				label: e.label
			}))] : [],
			weakByValue: u,
			status: d,
			error: f
		});
	}
	function P() {
		return {
			mode: c,
			modes: M(),
			steps: [],
			step: null,
			metrics: [],
			metric: l,
			weakBy: [],
			weakByValue: u,
			status: d,
			error: f
		};
	}
	function F() {
		if (y = /* @__PURE__ */ new Map(), b = null, c === "dynamics") return;
		if (!O() || !p) {
			e.paint(null), x.show(null);
			return;
		}
		let t = s, n = l === "weak_share" ? Mi(t, u) : [], r = Ii(t, l, n), i = l === "weak_share" ? [0, 1] : ar(r.map((e) => e.value));
		for (let e of Wi(Hi(p), r)) y.set(e.id, e);
		let a = m.dark ? tr : er, o = t.metrics.find((e) => e.key === l);
		i && (b = nr(i[0], i[1], l === "weak_share" ? "high" : o?.weak ?? "high", a));
		let d = /* @__PURE__ */ new Map();
		if (b) for (let [e, t] of y) d.set(e, b.color(t.value));
		e.paint({
			fills: d,
			neutralFill: m.boundaryFill,
			stroke: m.opStroke
		}), x.show(b ? {
			title: l === "weak_share" ? "Share of weak filters" : `${o?.label ?? l}: mean over the layer's filters`,
			scale: b,
			ramp: a,
			format: l === "weak_share" ? (e) => `${Math.round(e * 100)}%` : void 0,
			notes: [...l === "weak_share" ? [`A filter is weak when ${n.map((e) => e.description).join(", or ")}.`] : [], "Modules and stacks: mean over every filter inside (layer values weighted by filter count)."],
			neutral: m.boundaryFill
		} : null);
	}
	function I() {
		let e = k();
		O() && g && e && Q(s, g) ? E.show(s, g, e) : E.show(null, null, "discriminability"), L(), w.show(c === "pruning" && r ? {
			listing: n,
			run: r.run,
			step: o
		} : null);
	}
	function L() {
		D.show(O() ? s : null, _, v);
	}
	function ee(e, t) {
		if (!s) return "no filter statistics are loaded";
		let n = sa(s, _, e, t);
		return "error" in n ? (v = `Not added: ${n.error}`, L(), v) : (_ = n.plan, v = "", L(), null);
	}
	function te(e) {
		return !e || !("type" in e.json) ? null : e.json.type === "module" ? e.json.path : e.json.type === "op" ? e.view.module.path : null;
	}
	return {
		bar: T.element,
		legend: x.element,
		layerPanel: E.element,
		planPanel: D.element,
		comparePanel: w.element,
		dynamicsLayerPanel: C.layerPanel,
		summaryPanel: C.summaryPanel,
		graphShown(l) {
			let u = ++t, m = r;
			r = null, i = !1, n = [], a = /* @__PURE__ */ new Map(), C.use([], l), p = null, h = null, g = null, d = "", f = !1, e.track(e.api.overlays().then((a) => {
				if (u !== t) return;
				n = a, r = Ji(n, l.run, l.tag), i = C.use(n, l), p && C.sceneShown(p), (c === "pruning" && !r || c === "dynamics" && !i) && (c = "none"), e.track(C.setActive(c === "dynamics"));
				let d = r && m && r.run === m.run && r.tag === m.tag;
				return d || (s = null, _ = /* @__PURE__ */ new Map()), o = r ? Qi(r, d ? o : null) : null, A();
			}, (e) => {
				u === t && (s = null, d = `Overlays unavailable: ${e instanceof Error ? e.message : String(e)}`, f = !0, N());
			})), N(), F(), I();
		},
		sceneShown(e) {
			p = e, C.sceneShown(e), F();
		},
		selected(e) {
			let t = e?.id ?? null;
			t !== h && (h = t, g = te(e), C.selected(g), I());
		},
		setPalette(e) {
			m = e, C.setPalette(e), F();
		},
		clear() {
			t++, r = null, i = !1, n = [], C.clear(), C.setActive(!1), s = null, p = null, _ = /* @__PURE__ */ new Map(), T.show(null), F(), I();
		},
		describe(e) {
			if (c === "dynamics") return C.describe(e);
			let t = y.get(e);
			if (!t || !b) return null;
			let n = l === "weak_share" ? `${Math.round(t.value * 100)}% weak filters` : `${t.value.toPrecision(3)} mean`;
			return t.layers > 1 ? `${n} over ${t.layers} layers (${t.weight} filters)` : `${n} (${t.weight} filters)`;
		},
		hooks: {
			overlay: () => {
				let e = c === "dynamics" ? C.debug() : null;
				return {
					mode: c,
					metric: l,
					weakBy: u,
					series: s && O() ? {
						run: s.run,
						tag: s.tag,
						step: s.step
					} : null,
					range: e ? e.range : b ? [b.min, b.max] : null,
					colored: e ? e.colored : [...y.values()].map((e) => ({
						id: e.id,
						value: e.value
					}))
				};
			},
			plan: () => s ? ca(s, _) : null,
			layer: () => E.debug(),
			selectFilters(e, t, n) {
				if (!O()) throw Error("selectFilters: the pruning overlay is off; pick \"Pruning metrics\" in overlay-mode first");
				g = e, E.selectFilters(s, e, t, n);
			},
			dynamics: () => C.debug(),
			summary: () => c === "dynamics" ? C.summary() : null,
			compare: () => w.debug()
		}
	};
}
// src/view/search_panel.ts
var zo = 300;
function Bo(e) {
	let t = R("input", {
		type: "search",
		class: "gf-search-input",
		"data-testid": "search-input",
		placeholder: "Search (regex): name, op, module, class",
		"aria-label": "Search the graph by regular expression",
		spellcheck: "false",
		autocomplete: "off"
	}), n = R("div", {
		class: "gf-search-results",
		"data-testid": "search-results",
		role: "list",
		hidden: !0
	}), r = null, i = 0;
	async function a() {
		r && clearTimeout(r), r = null;
		let a = t.value.trim(), s = ++i;
		if (!a) n.hidden = !0, z(n);
		else {
			n.hidden = !1, z(n, R("p", { class: "gf-muted" }, "Searching…"));
			try {
				let t = await e.search(a);
				if (s !== i) return;
				let r = `${H(t.total)} match${t.total === 1 ? "" : "es"}`, c = t.truncated ? `first ${t.hits.length} of ${r}` : r;
				z(n, R("p", { class: "gf-muted" }, c), ...t.hits.map(o));
			} catch (e) {
				if (s !== i) return;
				z(n, R("p", {
					class: "gf-search-error",
					role: "alert"
				}, e instanceof Error ? e.message : String(e)));
			}
		}
	}
	function o(t) {
		let n = t.embedded_in ? `${t.hidden === "check" ? "check" : t.kind} of ${t.embedded_in}` : t.module || "(root)", r = Jt(t.hidden), i = R("button", {
			type: "button",
			class: "gf-hit",
			"data-testid": "search-hit",
			role: "listitem",
			title: `${t.name}\n${t.op}\n${t.module}`
		}, R("span", { class: "gf-hit-name" }, t.name), R("span", { class: "gf-note" }, r ? R("span", {
			class: "gf-hidden-mark",
			title: "Not drawn; choose it to see its details"
		}, `hidden: ${r}`) : null, `${r ? " " : ""}${gt(t.op)} · ${n}`));
		return i.addEventListener("click", () => e.choose(t)), i;
	}
	return t.addEventListener("input", () => {
		r && clearTimeout(r), r = setTimeout(() => void a(), zo);
	}), t.addEventListener("keydown", (e) => {
		e.key === "Enter" ? (e.preventDefault(), a()) : e.key === "Escape" && (t.value = "", a());
	}), {
		input: t,
		results: n,
		clear() {
			t.value = "", i++, n.hidden = !0, z(n);
		},
		hint(e) {
			r && clearTimeout(r), i++, n.hidden = !1, z(n, R("p", {
				class: "gf-muted",
				"data-testid": "search-hint"
			}, e)), t.focus();
		}
	};
}
// src/view/stack_panel.ts
function Vo(e) {
	let t = R("h2", { class: "gf-stack-title" }), n = R("select", {
		"data-testid": "member-picker",
		"aria-label": "Member shown"
	}), r = R("button", {
		type: "button",
		class: "gf-button",
		"data-testid": "unstack-button"
	}, "Unstack"), i = R("div", {
		class: "gf-differences",
		"data-testid": "stack-differences"
	}), a = R("section", {
		class: "gf-stack",
		"aria-label": "Opened stack",
		hidden: !0
	}, t, R("div", { class: "gf-stack-controls" }, R("label", {}, "Member", n), r), i), o = null, s = !1;
	n.addEventListener("change", () => {
		o && e.pick(o, n.value);
	}), r.addEventListener("click", () => {
		o && e.unstack(o, !s);
	});
	function c(e, c, l) {
		if (a.hidden = e === null, !e) o = null;
		else {
			if (o?.id !== e.id) {
				z(n, ...e.members.map((t, n) => B(t, ot(e, n, bt(t)), { title: t })));
				let t = e.variants, r = e.differences.length + t.length;
				z(i, R("h3", {}, r ? `What differs between members (${r})` : "What differs between members"), t.length ? R("ul", {
					class: "gf-diffs",
					"data-testid": "stack-variants"
				}, ...t.map((e) => {
					let t = st(e);
					return R("li", { "data-member": e.member }, t.title, t.adds ? R("div", {}, t.adds) : null, t.lacks ? R("div", {}, t.lacks) : null);
				})) : null, e.differences.length ? R("ul", { class: "gf-diffs" }, ...e.differences.map((e) => R("li", {}, Bt(e)))) : t.length ? null : R("p", { class: "gf-muted" }, "Nothing: every member has the same shapes, dtypes and attributes."));
			}
			o = e, s = l, z(t, `${xt(e)} ${rt(e)}`), n.value = c, n.disabled = l, r.textContent = l ? "Stack again" : "Unstack", r.setAttribute("aria-pressed", String(l));
		}
	}
	return {
		element: a,
		show: c
	};
}
// src/view/tooltip.ts
var Ho = 8;
function Uo(e) {
	if ("port" in e) {
		let t = e.port.json, n = [
			t.direction === "in" ? `Pruned input ${t.node}:${t.output} (${t.reason})` : `Pruned output ${t.node}:${t.output} (${t.reason})`,
			K(t),
			...t.edges.slice(0, Ho).map(([e, t, n, r]) => `${e}:${t} → ${n} [input ${r}]`)
		];
		return t.edges.length > Ho && n.push(`… ${t.edges.length - Ho} more`), n.push(t.direction === "in" ? "Click to go to the producer" : "Click to go to a consumer (again for the next)"), n;
	}
	let { item: t } = e, n = t.json;
	if (!("type" in n)) return [`${n.node}:${n.output}`, K(n)];
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
			...n.outputs.map(K)
		];
	}
}
function Wo(e = () => null) {
	let t = R("div", {
		class: "gf-tooltip",
		role: "tooltip",
		hidden: !0
	}), n = null;
	return {
		element: t,
		show(r, i, a) {
			if (!r || "item" in r && r.item.type !== "boundary" && r.item.open) {
				t.hidden = !0, n = null;
				return;
			}
			let o = "port" in r ? r.port : r.item;
			if (o !== n) {
				n = o;
				let i = "item" in r ? e(r.item.id) : null, a = i ? [...Uo(r), i] : Uo(r);
				z(t, ...a.map((e, t) => R("div", { class: t ? "gf-note" : "gf-tip-title" }, e)));
			}
			t.hidden = !1;
			let s = t.parentElement?.getBoundingClientRect();
			if (!s) return;
			let c = i - s.left + 14, l = a - s.top + 16;
			t.style.left = `${Math.min(c, s.width - t.offsetWidth - 8)}px`, t.style.top = `${Math.min(l, s.height - t.offsetHeight - 8)}px`;
		}
	};
}
// src/view/graph_tab.ts
var Go = 150;
function Ko(e, t, n, r = g) {
	let i = null, a = "", o = null, s = null, c = /* @__PURE__ */ new Set(), l = /* @__PURE__ */ new Map(), u = ci({
		select: (e) => j(e),
		toggle: (e) => void M(e),
		stubClick: (e) => void F(e),
		hover: (e, t, n) => p.show(e, t, n),
		changed: () => {
			o && d.update(u.scene, u.camera, u.size, o);
		}
	}), d = ki((e, t) => {
		let n = u.camera;
		u.setCamera({
			...n,
			x: u.size.width / 2 - e * n.scale,
			y: u.size.height / 2 - t * n.scale
		});
	}), f = R("div", {
		class: "gf-progress",
		"data-testid": "layout-progress",
		role: "status",
		hidden: !0
	}), p = Wo((e) => m.describe(e)), m = Ro({
		api: r,
		paint: (e) => u.setOverlay(e),
		track: E,
		drawnSparklines: () => u.counts.drawnSparklines
	}), h = R("div", { class: "gf-canvas-wrap" }, u.element, d.element, m.legend, f, p.element), _ = Pn((e) => {
		e === "m:" ? (u.fit(), j(null)) : (j(e), u.reveal(e));
	}), v = R("section", { class: "gf-stage" }, R("div", { class: "gf-toolbar" }, _.element, R("div", { class: "gf-tools" }, Jo("zoom-out", "−", "Zoom out (-)", () => u.zoomBy(.8)), Jo("zoom-in", "+", "Zoom in (+)", () => u.zoomBy(1.25)), Jo("fit-button", "Fit", "Fit to screen (0)", () => u.fit()), Jo("export-svg", "SVG", "Download the drawing as SVG", ne), Jo("export-png", "PNG", "Download the drawing as PNG", re))), m.bar, h, m.summaryPanel), y = Bo({
		search: (e) => i ? i.search(e) : Promise.reject(/* @__PURE__ */ Error("no graph is shown")),
		choose: (e) => void P(() => i.revealSteps(e).then(() => e))
	}), b = Vo({
		pick: (e, t) => void O(Ae(T(), e.id, t), e.id),
		unstack: (e, t) => void O(je(T(), e.id, t), e.id)
	}), x = (e) => n(e), S = Yn({
		session: () => i,
		follow: (e) => void I(e),
		track: E,
		reportError: x
	}), C = Ci({
		session: () => i,
		track: E,
		reportError: x,
		explainHidden: (e) => y.hint(e)
	}), w = R("aside", { class: "gf-side" }, R("div", { class: "gf-search" }, C.hiddenLine, y.input, y.results), b.element, m.layerPanel, m.dynamicsLayerPanel, m.planPanel, m.comparePanel, S.element, C.element);
	typeof ResizeObserver < "u" ? new ResizeObserver(() => u.resize()).observe(h) : addEventListener("resize", () => u.resize());
	function T() {
		return i?.state ?? {
			open: /* @__PURE__ */ new Set(),
			members: /* @__PURE__ */ new Map(),
			unstacked: /* @__PURE__ */ new Set(),
			selection: null
		};
	}
	function E(e) {
		c.add(e);
		let t = () => c.delete(e);
		return e.then(t, t), e;
	}
	let D = null;
	function O(e, t) {
		if (!i) return Promise.resolve();
		let n = t ? u.scene?.byId.get(t) : void 0;
		return D = n ? {
			id: n.id,
			before: {
				x: n.x,
				y: n.y,
				width: n.width,
				height: n.height
			}
		} : null, t?.startsWith("s:") && (s = t), E(k(i.show(e, null)));
	}
	async function k(e) {
		let t = setTimeout(() => {
			f.hidden = !1, f.textContent ||= "Loading module views…";
		}, Go);
		try {
			return await e;
		} finally {
			clearTimeout(t), i?.busy || (f.hidden = !0, f.textContent = "");
		}
	}
	function A(e, t, r, a = !1) {
		u.scene || performance.mark?.("graphfold:first-scene"), a && u.setScene(null), n(null), u.setScene(e, D), m.sceneShown(e), D = null, t.selection !== null && !e.byId.has(t.selection) && !e.ports.some((e) => e.id === t.selection) && i.select(null), u.setSelection(i.state.selection), r && e.byId.has(r) && u.reveal(r), L();
	}
	function j(e) {
		if (!i) return;
		S.unpin(), i.select(e), u.setSelection(e);
		let t = e ? u.scene?.byId.get(e) : void 0, n = t ? ee(t) : null;
		n && (s = n), L();
	}
	async function M(e) {
		let t = u.scene;
		if (!i || !t) return;
		let n = t.byId.get(e) ?? t.items.find((t) => t.block?.node.chain.slice(1).some((t) => `m:${t.module.path}` === e));
		if (!n) throw Error(`no item ${e} is drawn; drawn items: ${[...t.byId.keys()].slice(0, 20).join(", ")}`);
		let r = t.byId.get(n.parent);
		if (r?.openAs === "unstacked" && "type" in r.json && r.json.type === "stack") return O(Me(ke(T(), r.id, e.slice(2)), r.id), r.id);
		if (n.type !== "module" && n.type !== "stack") return;
		let a = "type" in n.json && n.json.type === "stack" ? n.json.members : [];
		return O(Me(Oe(T(), n.id, a), n.id), n.id);
	}
	async function N(e, t) {
		let n = u.scene?.byId.get(e);
		if (!n || !("type" in n.json) || n.json.type !== "stack") throw Error(`no stack ${e} is drawn`);
		return O(je(T(), e, t), e);
	}
	async function P(e) {
		if (!i) return;
		let t;
		try {
			t = await E(k(e()));
		} catch (e) {
			n(e instanceof Error ? e.message : String(e));
			return;
		}
		let r = Yt(t);
		r && S.showHidden(r);
		let a = i.state.selection;
		u.setSelection(a), a && u.reveal(a);
		let o = a ? u.scene?.byId.get(a) : void 0;
		o && (s = ee(o) ?? s), L();
	}
	function F(e) {
		if (!i) return;
		let t = e.json.node;
		if (e.direction === "out") {
			let n = [...new Set(e.json.edges.map((e) => e[2]))], r = l.get(e.id) ?? 0;
			l.set(e.id, r + 1), t = n[r % n.length] ?? t;
		}
		P(() => i.reveal(t));
	}
	async function I(e) {
		switch (e.kind) {
			case "node": return P(() => i.reveal(e.name));
			case "item":
				j(e.id), u.reveal(e.id);
				return;
			case "member": return O(Me(ke(T(), e.stack, e.member), e.stack), e.stack);
		}
	}
	function L() {
		let e = u.scene;
		if (!i || !e) return;
		let t = i.state;
		qo(i.key, t);
		let n = t.selection ? e.byId.get(t.selection) : void 0;
		_.show(Mn(e, n ? n.id : null, a)), S.show(n ?? null), m.selected(n ?? null), (s ? e.byId.get(s) : void 0)?.open || (s = (n && ee(n)) ?? [...e.items].reverse().find((e) => e.open && e.json && "type" in e.json && e.json.type === "stack")?.id ?? null);
		let r = s ? e.byId.get(s) : void 0, o = r?.open && "type" in r.json && r.json.type === "stack" ? r.json : null;
		b.show(o, o ? Ne(t, o.id) : "", o ? t.unstacked.has(o.id) : !1);
	}
	function ee(e) {
		for (let t = e; t; t = u.scene?.byId.get(t.parent)) if (t.open && (t.openAs === "stack" || t.openAs === "unstacked")) return t.id;
		return null;
	}
	function te() {
		let e = i?.key;
		return e ? [a || e.tag, `step${e.step}`] : ["graph"];
	}
	function ne() {
		if (!u.scene || !o) return;
		let e = Vr(Br(u.scene, o));
		Yr(new Blob([e], { type: "image/svg+xml" }), Xr(te(), "svg"));
	}
	function re() {
		if (u.scene && o) try {
			Jr(u.scene, o).toBlob((e) => {
				e ? Yr(e, Xr(te(), "png")) : n("The PNG export failed: the drawing is too large for one image; export SVG instead.");
			}, "image/png");
		} catch (e) {
			n(e instanceof Error ? e.message : String(e));
		}
	}
	let ie = {
		async idle() {
			for (;;) {
				for (; c.size;) await Promise.allSettled([...c]);
				if (await i?.settled(), await u.drawn(), !c.size && !i?.busy) return;
			}
		},
		items: () => Wn(u.scene, u.camera),
		edges: () => Gn(u.scene, u.emphasis.ghosts),
		stats: () => ({
			...u.counts,
			totalElements: Kn(u.scene),
			lastFrameMs: u.lastFrameMs,
			layoutMs: i?.layoutMs ?? 0
		}),
		selection: () => i?.state.selection ?? null,
		async toggle(e) {
			await M(e), await ie.idle();
		},
		panZoom: (e, t, n) => u.panZoom(e, t, n),
		async unstack(e, t) {
			await N(e, t), await ie.idle();
		},
		...m.hooks
	};
	return {
		stage: v,
		side: w,
		debug: ie,
		show(r, o, c, d = {}) {
			i?.close(), t.clear(), a = c, s = null, l.clear(), y.clear(), S.unpin(), u.setScene(null);
			let f = new An(r, e, t.layout, {
				scene: (e, t, n, r) => i === f && A(e, t, n, r),
				error: (e) => i === f && n(e)
			}, o, t.peek);
			f.seedViews(d), i = f, m.graphShown(r), C.graphShown(f), E(k(f.show(o, o.selection)));
		},
		clear() {
			i?.close(), i = null, u.setScene(null), m.clear(), S.show(null), b.show(null, "", !1);
		},
		setPalette(e) {
			o = e, u.setPalette(e), m.setPalette(e);
		},
		stageLabel(e) {
			f.textContent = e;
		}
	};
}
function qo(e, t) {
	let n = new URL(location.href);
	n.hash = E(e, t), n.href !== location.href && history.replaceState(history.state, "", n.href), te(n.hash);
}
function Jo(e, t, n, r) {
	let i = R("button", {
		type: "button",
		class: "gf-tool",
		"data-testid": e,
		title: n,
		"aria-label": n
	}, t);
	return i.addEventListener("click", r), i;
}
// src/view/picker.ts
function Yo(e) {
	let t = R("select", {
		name: "run",
		"data-testid": "source-run"
	}), n = R("select", {
		name: "tag",
		"data-testid": "source-tag"
	}), r = R("select", {
		name: "step",
		"data-testid": "source-step"
	}), i = R("form", {
		class: "gf-picker",
		"aria-label": "Graph"
	}, R("label", {}, "Run", t), R("label", {}, "Tag", n), R("label", {}, "Step", r));
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
		t.replaceChildren(...s.map((e) => B(e, e))), t.value = o.run;
		let c = o.run;
		n.replaceChildren(...e.flatMap((e, t) => e.run === c ? [B(String(t), Xo(e))] : [])), n.value = String(e.indexOf(o)), r.replaceChildren(...o.steps.map((e) => B(String(e.step), Zo(e), {
			disabled: e.error !== null,
			title: Qo(e)
		}))), i.step === null ? r.selectedIndex = -1 : r.value = String(i.step);
	}
	return {
		element: i,
		show: s
	};
}
function Xo(e) {
	return e.source === "graphdef" ? `${e.tag} (GraphDef)` : e.tag;
}
function Zo(e) {
	return e.error === null ? `step ${e.step} — ${Ye(e.node_count, "node")}, ${qe(e.blob_bytes)}` : `step ${e.step} — error: ${e.error}`;
}
function Qo(e) {
	let t = /* @__PURE__ */ new Date(e.wall_time * 1e3), n = Number.isNaN(t.getTime()) ? "" : ` (logged ${t.toISOString()})`;
	return e.error === null ? `${e.name}: ${Ye(e.edge_count, "edge")}, ${Ye(e.module_count, "module")}${n}` : e.error + n;
}
// src/view/text_measure.ts
function $o() {
	if (/jsdom/i.test(globalThis.navigator?.userAgent ?? "")) return;
	let e = document.createElement("canvas").getContext("2d");
	if (!e) return;
	let t = /* @__PURE__ */ new Map();
	ht((n, r, i) => {
		let a = `${r}${i ? "b" : ""}\u0000${n}`, o = t.get(a);
		return o === void 0 && (e.font = `${i ? "600 " : ""}${r}px ${W}`, o = e.measureText(n).width, t.size > 5e4 && t.clear(), t.set(a, o)), o;
	});
}
// src/view/app.ts
var es = "No graphs in this log directory yet. Log one with tb_plugin.summary.log_graph(writer, model, example_inputs), or with SummaryWriter.add_graph, then press Reload.";
function ts(e, t = {}) {
	let n = t.api ?? d;
	$o();
	let i = null, a = Se() ?? be(ye(), t.startWorker ?? me), o = _e(a.worker, (e) => i?.stageLabel(e), ge()), s = Yo((e) => v(e, Ce, null)), c = R("button", {
		type: "button",
		class: "gf-reload"
	}, "Reload"), l = R("p", {
		class: "gf-status",
		role: "status",
		hidden: !0
	}), u = R("p", {
		class: "gf-status gf-error",
		role: "alert",
		"data-testid": "error-message",
		hidden: !0
	});
	i = Ko(n, o, y, t.overlayApi);
	let f = R("div", { class: "gf-body" }, i.stage, i.side);
	e.append(R("header", { class: "gf-header" }, R("h1", {}, "GraphFold"), s.element, c), l, u, f), s.element.hidden = !0, f.hidden = !0, oi((t) => {
		e.classList.toggle("gf-dark", t.dark), e.classList.toggle("gf-light", !t.dark), i?.setPalette(t);
	});
	let p = [], m = null, h = Promise.resolve(), g = i.debug;
	window.__graphfold = {
		...g,
		async idle() {
			for (let e = null; e !== h;) e = h, await e;
			await g.idle();
		}
	}, c.addEventListener("click", () => {
		let e = ye();
		h = _(m ?? e.graph, e.state, null);
	}), h = _(a.link.graph, a.link.state, a.start);
	async function _(e, t, n) {
		b("loading", "Loading the list of graphs…"), c.disabled = !0;
		let a = null;
		try {
			n ? (a = await n, p = a.graphs) : p = await r();
		} catch (e) {
			b(null), y(`Could not list the graphs: ${ns(e)}`);
			return;
		} finally {
			c.disabled = !1;
		}
		s.element.hidden = p.length === 0, p.length ? (b(null), v(e, t, a)) : (f.hidden = !0, i.clear(), b("info", es));
	}
	function v(e, t, n) {
		let r = Re(p, e);
		if (!r) return;
		s.show(p, r);
		let { run: a, tag: o, source: c } = r.listing;
		if (r.step === null) {
			m = null, f.hidden = !0, i.clear(), y(`No step of run "${a}", tag "${o}" can be read. ${r.listing.steps.map((e) => `step ${e.step}: ${e.error}`).join("; ")}`);
			return;
		}
		let l = {
			run: a,
			tag: o,
			source: c,
			step: r.step
		}, u = e && e.run === a && e.tag === o && e.source === c && (e.step ?? l.step) === l.step;
		m = l, y(null), f.hidden = !1;
		let d = r.listing.steps.find((e) => e.step === l.step), h = n?.graph, g = h && h.run === a && h.tag === o && h.source === c && h.step === l.step ? n.views : {};
		i.show(l, u ? t : Ce, d && d.error === null ? d.name : o, g);
	}
	function y(e) {
		u.hidden = e === null, u.textContent = e ?? "";
	}
	function b(e, t = "") {
		l.hidden = e === null, l.className = e ? `gf-status gf-${e}` : "gf-status", l.textContent = t;
	}
}
function ns(e) {
	return e instanceof Error ? e.message : String(e);
}
// src/index.ts
var rs = "graphfold-style";
xe();
function is(e = document.body) {
	performance.mark?.("graphfold:render");
	let t = e.ownerDocument;
	if (!t.getElementById(rs)) {
		let e = t.createElement("style");
		e.id = rs, e.textContent = ".graphfold{--lightningcss-light:initial;--lightningcss-dark: ;color-scheme:light dark;--gf-bg:#fff;--gf-fg:#202124;--gf-muted:#5f6368;--gf-border:#dadce0;--gf-surface:#f8f9fa;--gf-accent:#1a73e8;--gf-error-bg:#fce8e6;--gf-error-fg:#a50e0e;--gf-stub:#e8710a;background:var(--gf-bg);height:100vh;color:var(--gf-fg);flex-direction:column;margin:0;font:14px/1.45 Roboto,Segoe UI,system-ui,sans-serif;display:flex;overflow:hidden}@media (prefers-color-scheme:dark){.graphfold{--lightningcss-light: ;--lightningcss-dark:initial}}.graphfold.gf-dark{--lightningcss-light: ;--lightningcss-dark:initial;color-scheme:dark;--gf-bg:#202124;--gf-fg:#e8eaed;--gf-muted:#9aa0a6;--gf-border:#3c4043;--gf-surface:#292a2d;--gf-accent:#8ab4f8;--gf-error-bg:#3c1f1e;--gf-error-fg:#f28b82;--gf-stub:#fcad70}.graphfold.gf-light{--lightningcss-light:initial;--lightningcss-dark: ;color-scheme:light}.graphfold [hidden]{display:none!important}.gf-header{border-bottom:1px solid var(--gf-border);background:var(--gf-surface);flex-wrap:wrap;align-items:center;gap:8px 24px;padding:8px 16px;display:flex}.gf-header h1{margin:0;font-size:18px;font-weight:500}.gf-picker{flex-wrap:wrap;gap:8px 16px;margin:0;display:flex}.gf-picker label,.gf-stack-controls label{color:var(--gf-muted);align-items:center;gap:6px;display:flex}.gf-picker select,.gf-stack-controls select,.gf-overlay-bar select,.gf-layer select,.gf-plan select,.gf-summary-panel select,.gf-number,.gf-reload{border:1px solid var(--gf-border);background:var(--gf-bg);max-width:28em;color:var(--gf-fg);font:inherit;border-radius:4px;padding:4px 6px}.gf-reload{cursor:pointer}.gf-picker select:focus-visible,.gf-stack-controls select:focus-visible,.gf-overlay-bar select:focus-visible,.gf-layer select:focus-visible,.gf-plan select:focus-visible,.gf-summary-panel select:focus-visible,.gf-number:focus-visible,.gf-reload:focus-visible{outline:2px solid var(--gf-accent);outline-offset:1px}.gf-reload:disabled{cursor:progress;opacity:.6}.gf-status{white-space:pre-wrap;overflow-wrap:anywhere;border-radius:4px;margin:8px 16px 0;padding:8px 12px}.gf-loading,.gf-info{color:var(--gf-muted);background:var(--gf-surface)}.gf-error{color:var(--gf-error-fg);background:var(--gf-error-bg)}.gf-stale{opacity:.5}.gf-summary h2{overflow-wrap:anywhere;margin:0 0 8px;font-size:20px;font-weight:500}.gf-facts{grid-template-columns:max-content 1fr;gap:2px 16px;margin:0 0 16px;display:grid}.gf-facts dt{color:var(--gf-muted)}.gf-facts dd{overflow-wrap:anywhere;margin:0}.gf-counts{flex-wrap:wrap;gap:12px;margin:0 0 24px;padding:0;list-style:none;display:flex}.gf-counts li{border:1px solid var(--gf-border);color:var(--gf-muted);border-radius:8px;padding:8px 16px}.gf-count{color:var(--gf-fg);font-variant-numeric:tabular-nums;font-size:20px}.gf-tables{flex-wrap:wrap;align-items:flex-start;gap:24px 48px;display:flex}.gf-tables h3{margin:0 0 8px;font-size:15px;font-weight:500}.gf-tables table{border-collapse:collapse}.gf-tables th,.gf-tables td{border-bottom:1px solid var(--gf-border);text-align:left;vertical-align:top;padding:4px 12px 4px 0}.gf-tables th{color:var(--gf-muted);font-weight:500}.gf-tables td[title]{cursor:help}.gf-tables .gf-num{text-align:right;font-variant-numeric:tabular-nums}.gf-path{overflow-wrap:anywhere;font-family:Roboto Mono,ui-monospace,monospace}.gf-muted{color:var(--gf-muted)}.gf-body{flex:1;min-height:0;display:flex}.gf-stage{flex-direction:column;flex:1;min-width:0;display:flex}.gf-toolbar{border-bottom:1px solid var(--gf-border);align-items:center;gap:8px;padding:4px 8px 4px 12px;display:flex}.gf-breadcrumbs{flex-wrap:wrap;flex:1;align-items:center;gap:2px;min-width:0;display:flex}.gf-crumb{max-width:22em;color:var(--gf-accent);font:inherit;white-space:nowrap;text-overflow:ellipsis;cursor:pointer;background:0 0;border:0;border-radius:4px;padding:2px 6px;overflow:hidden}.gf-crumb:last-child{color:var(--gf-fg);font-weight:500}.gf-crumb:hover{background:var(--gf-surface)}.gf-crumb-sep{color:var(--gf-muted)}.gf-tools{gap:4px;display:flex}.gf-tool,.gf-button{border:1px solid var(--gf-border);background:var(--gf-bg);min-width:32px;color:var(--gf-fg);font:inherit;cursor:pointer;border-radius:4px;padding:3px 8px}.gf-tool:hover,.gf-button:hover{background:var(--gf-surface)}.gf-tool[data-testid=export-svg]{margin-left:8px}.gf-canvas-wrap{flex:1;min-height:0;position:relative;overflow:hidden}.gf-canvas{cursor:grab;touch-action:none;outline:none;width:100%;height:100%;display:block}.gf-canvas.gf-dragging{cursor:grabbing}.gf-canvas:focus-visible{box-shadow:inset 0 0 0 2px var(--gf-accent)}.gf-minimap{border:1px solid var(--gf-border);cursor:crosshair;border-radius:6px;width:200px;height:140px;position:absolute;bottom:12px;right:12px;box-shadow:0 1px 4px #00000026}.gf-progress{border:1px solid var(--gf-border);background:var(--gf-surface);max-width:70%;color:var(--gf-muted);white-space:nowrap;text-overflow:ellipsis;border-radius:16px;padding:6px 14px 6px 32px;position:absolute;top:12px;left:50%;overflow:hidden;transform:translate(-50%);box-shadow:0 1px 4px #00000026}.gf-progress:before{border:2px solid var(--gf-border);border-top-color:var(--gf-accent);content:\"\";border-radius:50%;width:12px;height:12px;margin-top:-8px;animation:.8s linear infinite gf-spin;position:absolute;top:50%;left:10px}@keyframes gf-spin{to{transform:rotate(360deg)}}.gf-tooltip{z-index:2;border:1px solid var(--gf-border);background:var(--gf-bg);pointer-events:none;overflow-wrap:anywhere;border-radius:6px;max-width:420px;padding:6px 10px;font-size:12px;position:absolute;box-shadow:0 2px 8px #0000002e}.gf-tip-title{font-weight:500}.gf-side{border-left:1px solid var(--gf-border);background:var(--gf-bg);flex-direction:column;flex-shrink:0;gap:12px;width:340px;padding:10px 12px;display:flex;overflow-y:auto}.gf-side h2{overflow-wrap:anywhere;margin:0 0 6px;font-size:15px;font-weight:500}.gf-side h3{color:var(--gf-muted);letter-spacing:.03em;text-transform:uppercase;margin:10px 0 4px;font-size:12px;font-weight:500}.gf-search-input{box-sizing:border-box;border:1px solid var(--gf-border);background:var(--gf-bg);width:100%;color:var(--gf-fg);font:inherit;border-radius:4px;padding:6px 8px}.gf-search-input:focus-visible{outline:2px solid var(--gf-accent);outline-offset:-1px}.gf-search-results{flex-direction:column;max-height:40vh;margin-top:6px;display:flex;overflow-y:auto}.gf-search-results>p{margin:2px 0 4px;font-size:12px}.gf-hit{color:var(--gf-fg);font:inherit;text-align:left;cursor:pointer;background:0 0;border:0;border-radius:4px;flex-direction:column;align-items:flex-start;padding:4px 6px;display:flex}.gf-hit:hover,.gf-hit:focus-visible{background:var(--gf-surface)}.gf-hit-name{overflow-wrap:anywhere;font-family:Roboto Mono,ui-monospace,monospace;font-size:12px}.gf-note{color:var(--gf-muted);overflow-wrap:anywhere;font-size:12px}.gf-search-error{color:var(--gf-error-fg);overflow-wrap:anywhere}.gf-stack{border:1px solid var(--gf-border);background:var(--gf-surface);border-radius:6px;padding:8px 10px}.gf-stack-controls{flex-wrap:wrap;align-items:center;gap:8px;display:flex}.gf-stack-controls select{max-width:14em}.gf-diffs{overflow-wrap:anywhere;margin:0;padding-left:18px;font-size:12px}.gf-kind{color:var(--gf-muted);margin:0;font-size:12px}.gf-details .gf-facts{margin:0 0 4px;font-size:13px}.gf-links{margin:0;padding:0;list-style:none}.gf-links li{flex-wrap:wrap;align-items:baseline;gap:0 8px;padding:1px 0;display:flex}.gf-link{color:var(--gf-accent);text-align:left;overflow-wrap:anywhere;cursor:pointer;background:0 0;border:0;padding:0;font:12px Roboto Mono,ui-monospace,monospace}.gf-link:hover{text-decoration:underline}.gf-link-text{font:12px Roboto Mono,ui-monospace,monospace}.gf-summary-box summary{color:var(--gf-muted);cursor:pointer}.gf-summary-box .gf-tables{flex-direction:column;gap:12px}.gf-overlay-bar{border-bottom:1px solid var(--gf-border);flex-wrap:wrap;align-items:center;gap:4px 14px;padding:4px 12px;font-size:13px;display:flex}.gf-overlay-bar label,.gf-inline{color:var(--gf-muted);align-items:center;gap:6px;display:inline-flex}.gf-overlay-bar select,.gf-layer select,.gf-plan select,.gf-summary-panel select,.gf-number{max-width:16em;padding:2px 4px}.gf-number{width:4em}.gf-overlay-status{color:var(--gf-muted);overflow-wrap:anywhere}.gf-legend{z-index:1;border:1px solid var(--gf-border);background:var(--gf-bg);border-radius:6px;width:240px;padding:6px 10px;font-size:12px;position:absolute;top:12px;left:12px;box-shadow:0 1px 4px #00000026}.gf-legend-title{font-weight:500}.gf-legend-bar{border:1px solid var(--gf-border);border-radius:2px;height:10px;margin:4px 0 2px}.gf-legend-range{font-variant-numeric:tabular-nums;justify-content:space-between;display:flex}.gf-legend-neutral{color:var(--gf-muted);align-items:center;gap:6px;margin-top:2px;display:flex}.gf-swatch{border:1px solid var(--gf-border);border-radius:2px;width:12px;height:10px;display:inline-block}.gf-layer,.gf-plan{border:1px solid var(--gf-border);border-radius:6px;padding:8px 10px}.gf-layer .gf-facts{margin:0 0 6px;font-size:12px}.gf-layer .gf-note,.gf-plan .gf-note{margin:2px 0 4px;display:block}.gf-row{flex-wrap:wrap;align-items:center;gap:6px;margin:4px 0;display:flex}.gf-matrix,.gf-chart{-webkit-user-select:none;user-select:none;width:100%;height:auto;margin:4px 0;display:block}.gf-matrix-label{fill:var(--gf-muted);font-size:9px}.gf-matrix-cell{cursor:pointer}.gf-cell-bg{fill:var(--gf-accent)}.gf-diagonal .gf-cell-bg{fill:var(--gf-surface);stroke:var(--gf-border)}.gf-active .gf-cell-bg,.gf-picked .gf-cell-bg{stroke:var(--gf-stub);stroke-width:1.5px}.gf-spark{fill:none;stroke:var(--gf-fg);stroke-width:.8px}.gf-zero{stroke:var(--gf-muted);stroke-width:.5px;stroke-dasharray:2 2}.gf-bar{fill:var(--gf-muted)}.gf-bar.gf-selected{fill:var(--gf-stub)}.gf-bar.gf-pos{fill:var(--gf-accent)}.gf-bar.gf-neg{fill:var(--gf-error-fg)}.gf-band{fill:var(--gf-accent);fill-opacity:.12}.gf-brush{fill:#0000;cursor:crosshair;touch-action:none}.gf-brush-rect{fill:var(--gf-accent);fill-opacity:.2;pointer-events:none}.gf-selections{margin:0;padding-left:18px;font-size:12px}.gf-selections .gf-button{min-width:0;padding:0 4px}.gf-plan-layers{margin:0 0 6px;padding:0;list-style:none}.gf-plan-layers li{flex-wrap:wrap;align-items:baseline;gap:0 8px;display:flex}.gf-preview{border-collapse:collapse;font-variant-numeric:tabular-nums;font-size:12px}.gf-preview th,.gf-preview td{text-align:left;padding:2px 10px 2px 0}.gf-preview .gf-num{text-align:right}.gf-button:disabled{cursor:not-allowed;opacity:.55}.gf-dynamics-controls{flex-wrap:wrap;align-items:center;gap:4px 14px;display:inline-flex}.gf-slider{width:12em;accent-color:var(--gf-accent)}.gf-step-label{color:var(--gf-fg);font-variant-numeric:tabular-nums;white-space:nowrap}.gf-summary-panel{border-top:1px solid var(--gf-border);flex-shrink:0;max-height:32vh;padding:6px 12px;font-size:13px;overflow:auto}.gf-summary-panel>summary{cursor:pointer}.gf-summary-panel h2{margin:0;font-size:15px;font-weight:500;display:inline}.gf-summary-scroll{max-width:100%;overflow-x:auto}.gf-summary-table{border-collapse:collapse;font-variant-numeric:tabular-nums;font-size:12px}.gf-summary-table th,.gf-summary-table td{border-bottom:1px solid var(--gf-border);text-align:left;white-space:nowrap;padding:2px 8px}.gf-summary-table thead th{max-width:12em;color:var(--gf-muted);text-overflow:ellipsis;font-weight:500;overflow:hidden}.gf-summary-table tbody th{background:var(--gf-bg);font-weight:400;position:sticky;left:0}.gf-feature-row th{color:var(--gf-muted);padding-left:22px}.gf-summary-table .gf-num{text-align:right}.gf-heat{background:color-mix(in srgb, var(--gf-stub) calc(var(--gf-heat,0) * 40%), transparent)}.gf-row-selected>th,.gf-row-selected>td{font-weight:600}.gf-row-selected>th{box-shadow:inset 3px 0 0 var(--gf-accent)}.gf-cell-spark{vertical-align:middle;width:40px;height:12px;margin-right:4px}.gf-band-outer{fill-opacity:.06}.gf-std{fill:none;stroke:var(--gf-accent);stroke-width:.8px;stroke-dasharray:3 2}.gf-mean-line{fill:none;stroke:var(--gf-accent);stroke-width:1.5px}.gf-mean-dot{fill:var(--gf-accent)}.gf-mean-dot.gf-picked{fill:var(--gf-stub)}.gf-current{stroke:var(--gf-stub);stroke-width:1px}.gf-compare th,.gf-compare td{white-space:nowrap;vertical-align:top;padding-right:6px}.gf-change{color:var(--gf-muted);font-size:11px;display:block}.gf-compare tbody th{padding-left:6px;font-weight:400}.gf-run-name,.gf-scalar-head{text-overflow:ellipsis;max-width:7em;display:block;overflow:hidden}.gf-hidden-line{color:var(--gf-muted);font:inherit;text-align:left;cursor:help;background:0 0;border:0;margin:0 0 6px;padding:0;font-size:12px;-webkit-text-decoration:underline dotted;text-decoration:underline dotted;display:block}.gf-hidden-line[hidden]{display:none}.gf-hidden-mark{border:1px dashed var(--gf-border);border-radius:3px;padding:0 4px;font-size:11px}.gf-hidden-note{border-left:3px solid var(--gf-border);background:var(--gf-surface);margin:2px 0 6px;padding:4px 6px;font-size:12px}", t.head.append(e);
	}
	e.classList.add("graphfold"), ts(e);
}
export { is as render };
