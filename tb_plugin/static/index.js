async function e(e, t) {
	let r = `filter_summary?${new URLSearchParams({
		run: e.run,
		tag: e.tag,
		step: String(e.step)
	})}`, i = await o(r, t), a;
	try {
		a = A(await i.text());
	} catch (e) {
		throw new s(`GET ${r} answered a body that is not JSON (${e instanceof Error ? e.message : String(e)})`, r, i.status);
	}
	return n(a, r);
}
async function t(e, t, n, i) {
	let a = new URLSearchParams({
		run: e.run,
		tag: e.tag,
		step: String(e.step),
		module: t
	});
	n !== null && a.set("classes", n.join(","));
	let s = `filter_layer?${a}`;
	return r(await (await o(s, i)).arrayBuffer(), s);
}
function n(e, t = "filter_summary") {
	if (i(e.schema_version, e.encoding, t), !Array.isArray(e.layers) || !Array.isArray(e.groups) || !Array.isArray(e.metrics) || !Array.isArray(e.cost_terms)) throw new s(`GET ${t} answered JSON without "layers", "groups", "metrics" and "cost_terms" lists`, t, 200);
	let n = e.layers.map((e) => {
		let n = {};
		for (let [r, i] of Object.entries(e.metrics)) {
			let o = Array.from(a(i));
			if (o.length !== e.filter_count) throw new s(`GET ${t}: layer "${e.module}" has ${o.length} ${r} values for ${e.filter_count} filters`, t, 200);
			n[r] = o;
		}
		return {
			...e,
			metrics: n
		};
	});
	return {
		...e,
		layers: n
	};
}
function r(e, t = "filter_layer") {
	let n = (e) => new s(`GET ${t} answered a malformed layer payload: ${e}`, t, 200);
	if (e.byteLength < 4) throw n("shorter than its header length");
	let r = new DataView(e).getUint32(0, !0);
	if (4 + r > e.byteLength) throw n(`a ${r}-byte header in ${e.byteLength} bytes`);
	let a;
	try {
		a = JSON.parse(new TextDecoder().decode(new Uint8Array(e, 4, r)));
	} catch (e) {
		throw n(`its header is not JSON (${e instanceof Error ? e.message : String(e)})`);
	}
	if (i(a.schema_version, a.encoding, t), a.payload_version !== 2) throw new s(`GET ${t} answered a layer payload of version ${String(a.payload_version)}; this tab reads version 2: reload the page`, t, 200);
	let o = a.arrays.find((e) => e.name === "class_means_normalized"), c = a.classes, l = a.filter_count;
	if (!Array.isArray(c) || c.some((e) => !Number.isInteger(e) || e < 0 || e >= a.class_count)) throw n(`its classes are not indices below its ${a.class_count} classes`);
	if (!o || o.shape[0] !== c.length || o.shape[1] !== l) throw n("no class_means_normalized array of its classes × filters");
	let u = 4 + r + o.offset;
	if (u % 4 || u + c.length * l * 4 > e.byteLength) throw n(`the class means do not fit its ${e.byteLength} bytes`);
	let d = new Float32Array(e, u, c.length * l), f = c.map((e, t) => d.subarray(t * l, (t + 1) * l));
	return {
		module: a.module,
		classCount: a.class_count,
		filterCount: l,
		classes: c,
		rows: f,
		pairs: a.pairs
	};
}
function i(e, t, n) {
	if (typeof e != "number" || e > 1) throw new s(`GET ${n} answered schema version ${String(e)}; this tab reads up to 1: reload the page`, n, 200);
	if (t !== "float32-le") throw new s(`GET ${n} answered numbers encoded as "${String(t)}", not "float32-le"`, n, 200);
}
function a(e) {
	let t = Uint8Array.from(atob(e), (e) => e.charCodeAt(0));
	return new Float32Array(t.buffer, 0, t.length >> 2);
}
async function o(e, t) {
	let n;
	try {
		n = await fetch(e, { signal: t });
	} catch (n) {
		throw t?.aborted ? n : new s(`could not reach the GraphFold backend (GET ${e}): ${n instanceof Error ? n.message : String(n)}`, e, null);
	}
	if (!n.ok) throw new s(T(await n.text()) ?? `GET ${e} failed: HTTP ${n.status} ${n.statusText}`.trim(), e, n.status);
	return n;
}
// src/api.ts
var s = class extends Error {
	url;
	status;
	name = "ApiError";
	constructor(e, t, n) {
		super(e), this.url = t, this.status = n;
	}
};
function c(e) {
	return new URLSearchParams({
		run: e.run,
		tag: e.tag,
		step: String(e.step),
		source: e.source
	});
}
function l(e) {
	return `graph?${c(e)}`;
}
function u(e) {
	return E("graphs", e);
}
async function d(e, t) {
	let n = l(e), r = await D(n, t);
	if (!(r.schema_version <= 1)) throw new s(`graph "${e.run}" / "${e.tag}" has schema version ${r.schema_version}, newer than the 1 this page reads; reload the page to get the matching frontend`, n, 200);
	if (!Array.isArray(r.nodes) || !Array.isArray(r.modules)) throw new s(`GET ${n} answered JSON without "nodes" and "modules" lists`, n, 200);
	return r;
}
async function f(e, t, n) {
	let r = `view?${w(e, { module: t })}`, i = await D(r, n);
	if (!i.module || !Array.isArray(i.children) || !Array.isArray(i.edges)) throw new s(`GET ${r} answered JSON without "module", "children" and "edges"`, r, 200);
	return i;
}
async function p(e, t, n) {
	let r = `expand?${t === null ? c(e) : w(e, { depth: String(t) })}`, i = await D(r, n);
	if (!Array.isArray(i.open) || typeof i.views != "object" || i.views === null || !i.views[""]) throw new s(`GET ${r} answered JSON without "open" and "views" (with the root's view)`, r, 200);
	return i;
}
async function m(e, t, n) {
	let r = `node?${w(e, { name: t })}`, i = await D(r, n);
	if (!Array.isArray(i.inputs) || !Array.isArray(i.producers) || !Array.isArray(i.consumers)) throw new s(`GET ${r} answered JSON without "inputs", "producers" and "consumers" lists`, r, 200);
	return i;
}
async function h(e, t = [], n = null, r) {
	let i = new URLSearchParams();
	e && (i.set("run", e.run), i.set("tag", e.tag), i.set("source", e.source), e.step !== null && i.set("step", String(e.step)));
	for (let e of t) i.append("open", e);
	n && i.set("expand", n.depth === null ? "all" : String(n.depth));
	let a = i.toString(), o = a ? `start?${a}` : "start", c = await D(o, r);
	if (!Array.isArray(c.graphs) || typeof c.views != "object" || c.views === null || c.graph === void 0) throw new s(`GET ${o} answered JSON without "graphs", "graph" and "views"; is the backend GraphFold's?`, o, 200);
	return c;
}
function g(e, t) {
	return D(`stats?${c(e)}`, t);
}
function _(e, t, n = 200, r) {
	return D(`search?${w(e, {
		q: t,
		limit: String(n)
	})}`, r);
}
function v(e, t, n) {
	return D(`locate?${w(e, { node: t })}`, n);
}
var y = {
	view: (e, t) => f(e, t),
	expand: (e, t) => p(e, t),
	graph: (e) => d(e),
	node: (e, t) => m(e, t),
	search: (e, t) => _(e, t),
	locate: (e, t) => v(e, t),
	stats: (e) => g(e)
};
function b(e) {
	return E("overlays", e);
}
async function x(e, t) {
	let n = `weight_graph?${new URLSearchParams({
		run: e.run,
		tag: e.tag
	})}`, r = await D(n, t);
	if (!Array.isArray(r.steps) || !Array.isArray(r.properties)) throw new s(`GET ${n} answered JSON without "steps" and "properties" lists`, n, 200);
	return r;
}
async function S(e, t) {
	let n = `scalars?${new URLSearchParams({ run: e })}`, r = await D(n, t);
	if (!r.scalars || typeof r.scalars != "object" || Array.isArray(r.scalars)) throw new s(`GET ${n} answered JSON without a "scalars" object`, n, 200);
	return r;
}
var C = {
	overlays: () => b(),
	filterSummary: (t) => e(t),
	filterLayer: (e, n, r) => t(e, n, r),
	weightGraph: (e) => x(e),
	scalars: (e) => S(e)
};
function w(e, t) {
	let n = c(e);
	for (let [e, r] of Object.entries(t)) n.set(e, r);
	return n;
}
function T(e) {
	let t;
	try {
		t = JSON.parse(e);
	} catch {
		return null;
	}
	let n = t?.error?.message;
	return typeof n == "string" && n ? n : null;
}
async function E(e, t) {
	let n = (await D(e, t))[e];
	if (!Array.isArray(n)) throw new s(`GET ${e} answered JSON without ${/^[aeiou]/.test(e) ? "an" : "a"} "${e}" list; is the backend GraphFold's?`, e, 200);
	return n;
}
async function D(e, t) {
	let n, r;
	try {
		n = await fetch(e, {
			signal: t,
			headers: { Accept: "application/json" }
		}), r = await n.text();
	} catch (n) {
		throw t?.aborted ? n : new s(`could not reach the GraphFold backend (GET ${e}): ${j(n)}`, e, null);
	}
	if (!n.ok) throw new s(T(r) ?? `GET ${e} failed: HTTP ${n.status} ${n.statusText}`.trim(), e, n.status);
	try {
		return A(r);
	} catch (t) {
		throw new s(`GET ${e} answered HTTP ${n.status} with a body that is not JSON (${j(t)}): ` + JSON.stringify(r.slice(0, 80)), e, n.status);
	}
}
var O = /* @__PURE__ */ new Set([
	"mean",
	"std",
	"seconds",
	"reduction",
	"wall_time"
]), k = /[[,]null[\],]|"(?:mean|std|seconds|reduction|wall_time)":null/;
function A(e) {
	return k.test(e) ? JSON.parse(e, function(e, t) {
		return t === null && (Array.isArray(this) || O.has(e)) ? NaN : t;
	}) : JSON.parse(e);
}
function j(e) {
	return e instanceof Error ? e.message : String(e);
}
var M = [
	"graphfold",
	"graphdef",
	"tf_trace",
	"run_metadata",
	"keras_model"
], N = [
	"overlay",
	"ostep",
	"metric",
	"weak",
	"layer"
], P = () => null;
function ee(e) {
	P = e;
}
function F(e, t) {
	let n = [
		`run=${L(e.run)}`,
		`tag=${L(e.tag)}`,
		`step=${e.step}`,
		`source=${L(e.source)}`
	];
	return t.open.size && n.push(`open=${[...t.open].sort().map(L).join(",")}`), t.selection !== null && n.push(`sel=${L(t.selection)}`), t.members.size && n.push(`member=${[...t.members].sort().map(([e, t]) => `${L(e)}:${L(t)}`).join(",")}`), n.push(...ne(P())), `#${n.join("&")}`;
}
function te(e, t) {
	return `#${[...e.replace(/^#/, "").split("&").filter((e) => e && !N.includes(R(e.split("=", 1)[0]))), ...ne(t)].join("&")}`;
}
function ne(e) {
	if (!e || e.mode === "none") return [];
	let t = [`overlay=${L(e.mode)}`];
	return e.step !== null && t.push(`ostep=${e.step}`), e.metric && t.push(`metric=${L(e.metric)}`), e.weakBy && t.push(`weak=${L(e.weakBy)}`), e.layer && t.push(`layer=${L(e.layer)}`), t;
}
function re(e) {
	let t = /* @__PURE__ */ new Map();
	for (let n of e.replace(/^#/, "").split("&")) {
		if (!n) continue;
		let e = n.indexOf("="), r = e < 0 ? n : n.slice(0, e);
		t.set(R(r), e < 0 ? "" : n.slice(e + 1));
	}
	let n = (e) => {
		let n = t.get(e);
		return n === void 0 ? void 0 : R(n);
	}, r = n("run"), i = n("tag"), a = n("step"), o = n("source"), s = r === void 0 || i === void 0 ? null : {
		run: r,
		tag: i,
		source: M.find((e) => e === o) ?? "graphfold",
		step: a !== void 0 && /^\d+$/.test(a) ? Number(a) : null
	}, c = new Set(I(t.get("open"))), l = /* @__PURE__ */ new Map(), u = t.get("member") ?? "", d = /[,:]/.test(u);
	for (let e of (d ? u : R(u)).split(",")) {
		let t = d ? ae(e) : oe(e);
		t && l.set(t[0], t[1]);
	}
	let f = n("sel"), p = n("overlay"), m = n("ostep"), h = p ? {
		mode: p,
		step: m !== void 0 && /^\d+$/.test(m) ? Number(m) : null,
		metric: n("metric") || null,
		weakBy: n("weak") || null,
		layer: n("layer") || null
	} : null;
	return {
		graph: s,
		state: {
			open: c,
			members: l,
			unstacked: /* @__PURE__ */ new Set(),
			selection: f || null
		},
		overlay: h,
		expand: ie(n("expand"))
	};
}
function ie(e) {
	if (e === "all") return { depth: null };
	if (e === void 0 || !/^[0-9]{1,2}$/.test(e)) return null;
	let t = Number(e);
	return t >= 1 && t <= 20 ? { depth: t } : null;
}
function I(e) {
	return e ? (e.includes(",") ? e.split(",").map(R) : R(e).split(",")).filter((e) => e !== "") : [];
}
function ae(e) {
	let t = e.indexOf(":");
	return t > 0 ? [R(e.slice(0, t)), R(e.slice(t + 1))] : null;
}
function oe(e) {
	let t = e.indexOf(":", e.startsWith("s:") ? 2 : 0);
	return t > 0 ? [e.slice(0, t), e.slice(t + 1)] : null;
}
function L(e) {
	return encodeURIComponent(e);
}
function R(e) {
	try {
		return decodeURIComponent(e.replace(/\+/g, " "));
	} catch {
		return e;
	}
}
// src/host_link.ts
var se = "p.graphfold.", ce = "graphfold";
function le(e) {
	let t = e.replace(/^#/, "").split("&").filter((e) => e.startsWith(se)).map((e) => e.slice(12));
	return t.length ? `#${t.join("&")}` : "";
}
function ue(e, t) {
	let n = e.replace(/^#/, "").split("&").filter((e) => e && !e.startsWith(se));
	(!n.length || n[0].includes("=")) && n.unshift(ce);
	let r = t.replace(/^#/, "").split("&").filter(Boolean).map((e) => se + e);
	return `#${[...n, ...r].join("&")}`;
}
function de() {
	try {
		return window.parent !== window && window.parent.location.href ? window.parent : null;
	} catch {
		return null;
	}
}
function fe() {
	let e = de();
	return e ? le(e.location.hash) : "";
}
function pe(e) {
	let t = de();
	if (!t) return;
	let n = new URL(t.location.href);
	n.hash = ue(t.location.hash, e), n.href !== t.location.href && t.history.replaceState(t.history.state, "", n.href);
}
// src/worker/elk_graph.ts
var me = {
	top: 16,
	left: 20,
	bottom: 16,
	right: 20
};
// src/chain_layout.ts
function he(e) {
	let { nodes: t, edges: n } = e;
	if ((e.direction ?? "DOWN") !== "DOWN" || t.length === 0 || t.length > 400 || n.length !== t.length - 1) return null;
	let r = new Map(t.map((e) => [e.id, e])), i = /* @__PURE__ */ new Map(), a = /* @__PURE__ */ new Set();
	for (let e of n) {
		if (e.reversed || e.source === e.target || !r.has(e.source) || !r.has(e.target) || i.has(e.source) || a.has(e.target) || !ge(r.get(e.source), e.sourcePort, "south") || !ge(r.get(e.target), e.targetPort, "north")) return null;
		i.set(e.source, e.target), a.add(e.target);
	}
	let o = t.filter((e) => !a.has(e.id));
	if (o.length !== 1) return null;
	let s = [];
	for (let e = o[0]; e; e = r.get(i.get(e.id) ?? "")) s.push(e);
	return s.length !== t.length || s.some((e, t) => e.layer === "first" && t !== 0 || e.layer === "last" && t !== s.length - 1) ? null : s;
}
function ge(e, t, n) {
	return e.ports?.length ? t != null && e.ports.some((e) => e.id === t && e.side === n) : t == null;
}
function _e(e) {
	let t = he(e);
	if (!t) return null;
	let n = new Map(t.map((e) => [e.id, e])), r = new Map(e.edges.map((e) => [e.source, e])), i = (e, t) => e.ports?.find((e) => e.id === t)?.x ?? e.width / 2, a = [0];
	for (let e = 1; e < t.length; e++) {
		let n = r.get(t[e - 1].id);
		a.push(a[e - 1] + i(t[e - 1], n.sourcePort) - i(t[e], n.targetPort));
	}
	let o = Math.min(...a), s = Math.max(...t.map((e, t) => a[t] + e.width)), c = [], l = me.top;
	t.forEach((e, t) => {
		c.push({
			id: e.id,
			x: me.left + a[t] - o,
			y: l,
			width: e.width,
			height: e.height
		}), l += e.height + 34;
	});
	let u = new Map(c.map((e) => [e.id, e])), d = e.edges.map((e) => {
		let t = u.get(e.source), r = u.get(e.target), a = t.x + i(n.get(e.source), e.sourcePort);
		return {
			id: e.id,
			points: [
				a,
				t.y + t.height,
				a,
				r.y
			]
		};
	});
	return {
		key: e.key,
		width: s - o + me.left + me.right,
		height: l - 34 + me.bottom,
		nodes: e.nodes.map((e) => u.get(e.id)),
		edges: d,
		ms: 0
	};
}
// src/layout_cache.ts
var ve = 2e3, ye = 67108864;
function be(e, t) {
	let { version: n, maxEntries: r = ve, maxBytes: i = ye, now: a = Date.now } = t, o = null, s = !1;
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
				let r = Se(n, t), i = await c();
				if (!i.has(r)) return null;
				let o = await e.get(r);
				if (!o) return i.delete(r), null;
				let s = {
					...xe(o),
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
					key: Se(n, t),
					version: n,
					usedAt: a(),
					bytes: JSON.stringify(r).length,
					result: r
				};
				if (s.bytes > i) return;
				await e.put(s), o.set(s.key, xe(s)), await u(o);
			} catch (e) {
				l(e);
			}
		}
	};
}
function xe({ key: e, version: t, usedAt: n, bytes: r }) {
	return {
		key: e,
		version: t,
		usedAt: n,
		bytes: r
	};
}
function Se(e, t) {
	return `${e}|${t.key}|${Ce(JSON.stringify(t))}`;
}
function Ce(e) {
	let t = 3735928559, n = 1103547991;
	for (let r = 0; r < e.length; r++) {
		let i = e.charCodeAt(r);
		t = Math.imul(t ^ i, 2654435761), n = Math.imul(n ^ i, 1597334677);
	}
	return t = Math.imul(t ^ t >>> 16, 2246822507) ^ Math.imul(n ^ n >>> 13, 3266489909), n = Math.imul(n ^ n >>> 16, 2246822507) ^ Math.imul(t ^ t >>> 13, 3266489909), (4294967296 * (2097151 & n) + (t >>> 0)).toString(36);
}
var we = "graphfold-layouts", Te = "meta", Ee = "results";
function De(e = indexedDB) {
	let t = null;
	function n() {
		return t ??= new Promise((t, n) => {
			let r = e.open(we, 1);
			r.onupgradeneeded = () => {
				r.result.createObjectStore(Te, { keyPath: "key" }), r.result.createObjectStore(Ee);
			}, r.onsuccess = () => t(r.result), r.onerror = () => n(r.error ?? /* @__PURE__ */ Error("IndexedDB refused to open")), r.onblocked = () => n(/* @__PURE__ */ Error("IndexedDB is blocked by another tab"));
		}), t;
	}
	async function r(e, t) {
		let r = (await n()).transaction([Te, Ee], e), i = t(r.objectStore(Te), r.objectStore(Ee));
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
		put: (e) => r("readwrite", (t, n) => (t.put(xe(e)), n.put(e.result, e.key), () => void 0)),
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
var Oe = "./assets/layout_worker-eiCFuEpSF4.js", ke = 1e3;
function Ae() {
	if (typeof Worker > "u") return je("this browser has no Web Workers");
	try {
		return new Worker(new URL(Oe, import.meta.url), { name: "graphfold-layout" });
	} catch (e) {
		return je(e instanceof Error ? e.message : String(e));
	}
}
function je(e) {
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
function Me() {
	return typeof indexedDB > "u" ? null : be(De(), { version: "eiCFuEpSF4" });
}
function Ne(e, t, n = null) {
	let r = /* @__PURE__ */ new Map(), i = /* @__PURE__ */ new Map(), a = /* @__PURE__ */ new Map(), o = 1, s = null, c = !1;
	e.onmessage = (e) => {
		let n = e.data;
		switch (n.type) {
			case "progress":
				r.has(n.id) && t(n.stage);
				return;
			case "ready":
				c = !0;
				return;
			case "done":
				c = !0, r.get(n.id)?.resolve(n.result), r.delete(n.id);
				return;
			case "failed":
				r.get(n.id)?.reject(Error(n.message)), r.delete(n.id);
				return;
		}
	}, e.onerror = (e) => {
		e.preventDefault?.(), s = /* @__PURE__ */ Error(`the layout worker (${Oe}) failed: ${e.message || "it could not be loaded"}; reload the page, or rebuild the frontend (npm run build) if the file is missing`);
		for (let { reject: e } of r.values()) e(s);
		r.clear();
	}, e.postMessage({ type: "warm-up" });
	function l(t) {
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
	async function u(e, t) {
		let n = await e.get(t);
		if (n) return n;
		let r = await l(t);
		return e.put(t, r), r;
	}
	return {
		layout(e) {
			let t = i.get(e.key);
			if (t) return i.delete(e.key), i.set(e.key, t), t;
			let r = _e(e);
			r && a.set(e.key, r);
			let o = r ? Promise.resolve(r) : n ? u(n, e) : l(e);
			for (i.set(e.key, o), o.then((t) => i.get(e.key) === o && a.set(e.key, t), () => i.delete(e.key)); i.size > ke;) {
				let e = i.keys().next().value;
				i.delete(e), a.delete(e);
			}
			return o;
		},
		peek: (e) => a.get(e.key) ?? _e(e) ?? void 0,
		clear() {
			i.clear(), a.clear();
		},
		get pending() {
			return r.size;
		},
		get ready() {
			return c;
		},
		dispose() {
			e.terminate();
			for (let { reject: e } of r.values()) e(/* @__PURE__ */ Error("the layout worker was stopped"));
			r.clear();
		}
	};
}
// src/early_start.ts
var Pe = null;
function Fe() {
	return re(location.hash || fe());
}
function Ie(e, t = Ae) {
	let n = t(), r = h(e.graph, [...e.state.open].sort(), e.expand);
	return r.catch(() => {}), {
		link: e,
		worker: n,
		start: r
	};
}
function Le() {
	Pe ??= Ie(Fe());
}
function Re() {
	let e = Pe;
	return Pe = null, e;
}
// src/page_link.ts
var ze = "index.html", Be = "/data/plugin/";
function Ve(e) {
	return e.querySelector("meta[name=\"graphfold-page\"]")?.getAttribute("content") === "standalone";
}
function He(e, t) {
	let n = new URL(ze, e);
	return n.hash = t.replace(/^#/, ""), n.href;
}
function Ue(e, t) {
	let n = new URL(e), r = n.pathname.lastIndexOf(Be);
	return r < 0 ? null : (n.pathname = n.pathname.slice(0, r + 1), n.search = "", n.hash = ue("", t), n.href);
}
// src/view_state.ts
var We = {
	open: /* @__PURE__ */ new Set(),
	members: /* @__PURE__ */ new Map(),
	unstacked: /* @__PURE__ */ new Set(),
	selection: null
};
function Ge(e) {
	return e.startsWith("m:") || e.startsWith("s:") ? e.slice(2) : null;
}
function Ke(e, t) {
	let n = Ge(t);
	return n !== null && e.open.has(n);
}
function qe(e, t, n) {
	let r = Ge(t);
	if (r === null) return e;
	let i = new Set(e.open).add(r), { members: a, unstacked: o } = e;
	if (t.startsWith("s:") && n !== void 0) {
		let e = new Map(a);
		n === r ? e.delete(t) : e.set(t, n), a = e, o = at(o, t);
	}
	return {
		...e,
		open: i,
		members: a,
		unstacked: o
	};
}
function Je(e, t, n = []) {
	let r = Ge(t);
	if (r === null) return e;
	let i = [r, ...n], a = (e) => i.some((t) => e === t || it(e, t)), o = new Set([...e.open].filter((e) => !a(e))), s = new Map([...e.members].filter(([e]) => e !== t && !a(e.slice(2)))), c = new Set([...e.unstacked].filter((e) => e !== t && !a(e.slice(2))));
	return {
		...e,
		open: o,
		members: s,
		unstacked: c
	};
}
function Ye(e, t, n = []) {
	return Ke(e, t) ? Je(e, t, n) : qe(e, t);
}
function Xe(e, t, n) {
	return qe(e, t, n);
}
function Ze(e, t, n) {
	let r = tt(e, t), i = Xe(e, t, n), a = e.selection;
	if (!a?.startsWith("m:")) return i;
	let o = a.slice(2);
	return o !== r && !it(o, r) ? i : $e(i, `m:${n}${o.slice(r.length)}`);
}
function Qe(e, t, n) {
	let r = n ? qe(e, t) : e, i = n ? new Set(r.unstacked).add(t) : at(r.unstacked, t);
	return {
		...r,
		unstacked: i
	};
}
function $e(e, t) {
	return t === e.selection ? e : {
		...e,
		selection: t
	};
}
function et(e, t) {
	let n = t.map(Ge).filter((e) => e !== null);
	return {
		...e,
		open: new Set(n),
		members: /* @__PURE__ */ new Map(),
		unstacked: /* @__PURE__ */ new Set()
	};
}
function tt(e, t) {
	return e.members.get(t) ?? t.slice(2);
}
function nt(e, t) {
	let n = e;
	t.slice(0, -1).forEach((e) => {
		if (e.item === null) throw Error(`reveal step in view '${e.view}' has no item, yet it is not the last step`);
		n = e.item.startsWith("s:") ? qe(n, e.item, e.member ?? e.item.slice(2)) : qe(n, e.item);
	});
	let r = t[t.length - 1];
	return r ? $e(n, r.item) : n;
}
function rt(e) {
	let t = e[e.length - 1];
	return t ? t.item ?? e[e.length - 2]?.item ?? null : null;
}
function it(e, t) {
	return t === "" ? e !== "" : e.length > t.length && e.startsWith(t) && /[./]/.test(e[t.length]);
}
function at(e, t) {
	if (!e.has(t)) return e;
	let n = new Set(e);
	return n.delete(t), n;
}
// src/selection.ts
function ot(e, t) {
	let n = t && e.find((e) => e.run === t.run && e.tag === t.tag && e.source === t.source), r = n || t && e.find((e) => e.run === t.run) || e[0];
	if (!r) return null;
	let i = n && t ? t.step : null, a = st(r);
	return {
		listing: r,
		step: i !== null && a.includes(i) ? i : ct(a)
	};
}
function st(e) {
	return e.steps.filter((e) => e.error === null).map((e) => e.step);
}
function ct(e) {
	return e.reduce((e, t) => e === null || t > e ? t : e, null);
}
// src/view/dom.ts
function z(e, t = {}, ...n) {
	let r = document.createElement(e);
	return lt(r, t, "h"), ut(r, ...n), r;
}
function lt(e, t, n) {
	for (let [r, i] of Object.entries(t)) {
		if (/^on/i.test(r)) throw Error(`${n}(): set "${r}" with addEventListener, not as an attribute`);
		i != null && i !== !1 && e.setAttribute(r, i === !0 ? "" : String(i));
	}
}
function ut(e, ...t) {
	for (let n of t) n != null && n !== !1 && e.appendChild(typeof n == "string" ? document.createTextNode(n) : n);
}
function B(e, ...t) {
	e.replaceChildren(), ut(e, ...t);
}
function V(e, t, n, r) {
	let i = z("button", {
		type: "button",
		class: "gf-tool",
		"data-testid": e,
		title: n,
		"aria-label": n
	}, t);
	return i.addEventListener("click", r), i;
}
function H(e, t, n = {}) {
	let r = new Option(t, e);
	return r.disabled = n.disabled ?? !1, n.title && (r.title = n.title), r;
}
var dt = "http://www.w3.org/2000/svg";
function U(e, t = {}, ...n) {
	let r = document.createElementNS(dt, e);
	return lt(r, t, "svg"), ut(r, ...n), r;
}
// src/format.ts
var ft = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
function W(e) {
	return ft.format(e);
}
var pt = [
	"",
	"K",
	"M",
	"B",
	"T"
];
function mt(e) {
	return _t(e, 1e3, pt, "");
}
var ht = [
	"B",
	"KB",
	"MB",
	"GB",
	"TB"
];
function gt(e) {
	return _t(e, 1024, ht, " ", (e) => +(e < 10));
}
function _t(e, t, n, r, i = () => 1) {
	if (!Number.isFinite(e)) return String(e);
	let a = e < 0 ? "-" : "", o = Math.abs(e), s = 0;
	for (; o >= t && s < n.length - 1;) o /= t, s += 1;
	if (s === 0) return `${a}${Math.round(o)}${r}${n[0]}`.trimEnd();
	let c = o.toFixed(i(o));
	return Number(c) >= t && s < n.length - 1 && (s += 1, c = (Number(c) / t).toFixed(i(Number(c) / t))), `${a}${c.replace(/\.0$/, "")}${r}${n[s]}`;
}
function vt(e, t) {
	return `${W(e)} ${t}${e === 1 ? "" : "s"}`;
}
function yt(e, t) {
	if (!(e > 0)) return "—";
	if (t === e) return "0%";
	let n = 100 * (t - e) / e;
	return `${n < 0 ? "−" : "+"}${Math.abs(n).toFixed(1)}%`;
}
var bt = [["graphfold.Backward", "∇"], ["graphfold.Optimizer", "Δ"]];
function xt(e) {
	for (let [t, n] of bt) {
		if (e === t) return n;
		if (e.startsWith(`${t}/`)) {
			let r = e.slice(t.length + 1);
			return `${n} ${r.slice(r.lastIndexOf(".") + 1)}`;
		}
	}
	return null;
}
function St(e) {
	return e.split(" | ").every((e) => e === "graphfold.Backward" || e.startsWith("graphfold.Backward/"));
}
function Ct(e) {
	return "type" in e && (e.type === "module" || e.type === "stack") && "class_name" in e && typeof e.class_name == "string" && St(e.class_name);
}
// src/summary.ts
function wt(e) {
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
function Tt(e) {
	return xt(e) ?? e.slice(e.lastIndexOf(".") + 1);
}
// src/variants.ts
function Et(e) {
	let t = e.variants.length;
	return t ? `×${e.count} · ${vt(t, "variant")}` : `×${e.count}`;
}
function Dt(e, t) {
	return e.variants.find((e) => e.member === t) ?? null;
}
function Ot(e) {
	return `+${W(e.adds_count)} −${W(e.lacks_count)} nodes`;
}
function kt(e, t, n) {
	let r = Dt(e, e.members[t] ?? ""), i = `${n} · ${mt(e.member_parameter_counts[t] ?? 0)} params`;
	return r ? `${i} · variant (${Ot(r)})` : i;
}
function At(e) {
	return {
		title: `${e.member}: ${Ot(e)} (${vt(e.edits, "edit")})`,
		adds: e.adds_count ? `Adds ${jt(e.adds, e.adds_count)}` : null,
		lacks: e.lacks_count ? `Lacks ${jt(e.lacks, e.lacks_count)}` : null
	};
}
function jt(e, t) {
	let n = t - e.length;
	return n > 0 ? `${e.join(", ")} and ${W(n)} more` : e.join(", ");
}
var Mt = [
	"graphfold.Helper",
	"graphfold.Outputs",
	"graphfold.Ops"
], Nt = "Roboto, \"Segoe UI\", system-ui, sans-serif", Pt = 64, Ft = 112, It = 260;
function Lt(e) {
	return [e.badge ? `${e.title} ${e.badge}` : e.title, e.subtitle].filter(Boolean).join(" · ");
}
var Rt = null;
function zt(e) {
	Rt = e;
}
function G(e, t, n = !1) {
	if (Rt) return Rt(e, t, n);
	let r = 0;
	for (let t of e) r += /[ilj.,:;'|!()[\]{} ]/.test(t) ? .32 : /[A-Z_mwMW@%]/.test(t) ? .72 : .56;
	return r * t * (n ? 1.06 : 1);
}
function Bt(e) {
	if (e.startsWith("aten.")) return e.split(".")[1] || e;
	let t = e.lastIndexOf("::");
	return t >= 0 ? e.slice(t + 2) : e;
}
function Vt(e) {
	return e.split(" | ").map((e) => Tt(e)).join(" | ");
}
function Ht(e) {
	return e === null ? "?" : e.length ? e.join("×") : "scalar";
}
function K(e) {
	return `${Ht(e.shape)} ${e.dtype}`.trim();
}
function Ut(e) {
	let t = e.map(Wt);
	return t.length <= 3 ? t.join(", ") : `${t[0]} … ${t[t.length - 1]}`;
}
function Wt(e) {
	let t = e.split("."), n = t[t.length - 1] ?? e;
	return /^\d+$/.test(n) && t.length > 1 ? `${t[t.length - 2]}.${n}` : n;
}
function Gt(e) {
	return Vt(e.class_name) || Wt(e.representative);
}
function Kt(e) {
	return "type" in e && e.type === "module" && "class_name" in e && Mt.includes(e.class_name);
}
function qt(e) {
	let t = e.class_name === "graphfold.Outputs" ? "output" : "op", n = e.class_name === "graphfold.Outputs" ? "outputs" : e.class_name === "graphfold.Ops" ? "loose ops" : "helper";
	return {
		title: e.name,
		subtitle: `${W(e.node_count)} ${t}${e.node_count === 1 ? "" : "s"}`,
		info: n
	};
}
function Jt(e, t) {
	let n = [], r = t;
	for (let t of e) {
		let e = r !== "" && t.length > r.length + 1 && t.startsWith(r) && /[./]/.test(t[r.length]);
		n.push(e ? t.slice(r.length + 1) : t), r = t;
	}
	return n.join(" › ");
}
function Yt(e, t) {
	let n = [];
	return e > 0 && n.push(`${mt(e)} params`), n.push(`${W(t)} node${t === 1 ? "" : "s"}`), n.join(" · ");
}
function Xt(e) {
	switch (e.type) {
		case "module": {
			if (Kt(e)) return qt(e);
			let t = Tt(e.class_name);
			return {
				title: t || e.name,
				subtitle: t ? e.name : "",
				info: Yt(e.parameter_count, e.node_count)
			};
		}
		case "stack": return {
			title: Gt(e),
			subtitle: Ut(e.members),
			info: Yt(e.parameter_count, e.node_count * e.count),
			badge: Et(e)
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
			let t = Bt(e.op);
			return {
				title: t,
				subtitle: t === e.name ? "" : e.name,
				info: ""
			};
		}
	}
}
function Zt(e) {
	return {
		title: e.output ? `${e.node}:${e.output}` : e.node,
		subtitle: Ht(e.shape),
		info: ""
	};
}
function Qt(e, t = Xt(e)) {
	let n = t.badge ? G(t.badge, 10, !0) + 18 : 0, r = Math.max(G(t.title, 12, !0) + n, G(t.subtitle, 10), G(t.info, 10)), i = e.type === "module" || e.type === "stack", a = i ? Ft : Pt, o = tn(Math.ceil(r + 24), a, It), s = i ? 54 : e.type === "input" || e.type === "output" ? 34 : 38, c = e.type === "stack" ? 10 : 0;
	return {
		width: o + c,
		height: s + c
	};
}
function $t(e) {
	let t = G(e.title, 10, !0) + 6 + G(e.subtitle, 10);
	return {
		width: tn(Math.ceil(t + 16), 40, It),
		height: 20
	};
}
function en(e, t) {
	return Math.ceil(G(e, 12, !0) + G(t, 10) + 36 + 24);
}
function tn(e, t, n) {
	return Math.min(n, Math.max(t, e));
}
// src/details.ts
function nn(e, t = null) {
	let n = e.json, r = e.view;
	if (!("type" in n)) return on(e, n);
	switch (n.type) {
		case "module":
		case "stack": return an(n, r);
		default: return rn(n, r, t?.name === n.name ? t : null);
	}
}
function rn(e, t, n) {
	let r = [
		["Op", e.op],
		["Kind", e.type],
		["Module", t.module.path || "(root)"],
		["Class", t.module.class_name || "(unknown)"]
	];
	return e.parameter_count && r.push(["Parameters", W(e.parameter_count)]), {
		heading: e.name,
		note: null,
		kind: e.type === "op" ? "Operator" : e.type === "input" ? "Graph input" : e.type === "output" ? "Graph output" : e.type,
		facts: r,
		inputs: n ? cn(n) : sn(e.id, t),
		outputs: [...e.outputs.map((e) => un(e, null)), ...ln(e.id, t)],
		attributes: n ? Object.entries(n.attrs).map(([e, t]) => [e, dn(t)]) : [],
		embedded: e.embedded.map((e) => ({
			text: e.node,
			note: `${e.kind === "op" ? Bt(e.op) : e.kind} → input ${e.input}: ${K(e)}${e.parameter_count ? ` · ${mt(e.parameter_count)} params` : ""}`,
			target: null
		})),
		checks: e.checks.map((e) => ({
			text: e.name,
			note: Bt(e.op),
			target: null
		})),
		differences: [],
		needsNode: n === null
	};
}
function an(e, t) {
	let n = [], r = e.type === "module" && Kt(e);
	if (r) {
		let t = e.class_name === "graphfold.Outputs" ? "graph outputs under one field (a key/value cache, say)" : e.class_name === "graphfold.Ops" ? "operators of the model's own forward, outside its modules" : "computations beside the model (masks, position ids) that feed its layers";
		n.push(["Path", e.path], ["Grouped", t]), n.push(["Nodes", W(e.node_count)]);
	} else if (e.type === "module") n.push(["Path", e.path], ["Class", e.class_name || "(unknown)"]), n.push(["Parameters", W(e.parameter_count)], ["Nodes", W(e.node_count)]);
	else {
		n.push(["Class", e.class_name || "(unknown)"], ["Members", W(e.count)]), n.push(["Representative", e.representative]);
		let t = e.variants.length ? "in the representative" : "each";
		n.push(["Parameters", `${W(e.parameter_count)} in all`], ["Nodes", `${W(e.node_count)} ${t}`]);
	}
	return e.wrappers?.length && n.push(["Wrapped by", e.wrappers.join(" › ")]), n.push(["In module", t.module.path || "(root)"]), {
		heading: (e.type === "module" ? e.path : `${Vt(e.class_name)} ${Et(e)}`) || "(root)",
		kind: r ? "Helper region (grouped by GraphFold, not a module of the model)" : e.type === "module" ? "Module" : "Stack of isomorphic modules",
		note: null,
		facts: n,
		inputs: sn(e.id, t),
		outputs: ln(e.id, t),
		attributes: [],
		embedded: e.type === "stack" ? e.members.map((t, n) => ({
			text: Wt(t),
			note: `${t} · ${mt(e.member_parameter_counts[n] ?? 0)} params${Dt(e, t) ? " · variant" : ""}`,
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
function on(e, t) {
	let n = t.id.startsWith("in:");
	return {
		heading: t.output ? `${t.node}:${t.output}` : t.node,
		kind: n ? `Input of ${e.view.module.path || "the root"}` : `Output of ${e.view.module.path || "the root"}`,
		note: null,
		facts: [["Tensor", K(t)]],
		inputs: n ? [un(t, {
			kind: "node",
			name: t.node
		})] : [],
		outputs: n ? [] : [un(t, {
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
function sn(e, t) {
	let n = [];
	for (let r of t.edges) if (r.target === e) {
		for (let e of r.tensors) n.push(un(e, {
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
		...un(r, {
			kind: "node",
			name: r.node
		}),
		note: `${K(r)} · from outside ${t.module.path || "the root"}`
	});
	for (let r of t.ports) r.item === e && r.direction === "in" && n.push({
		...un(r, {
			kind: "node",
			name: r.node
		}),
		note: `${K(r)} · pruned (${r.reason})`
	});
	return n;
}
function cn(e) {
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
function ln(e, t) {
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
function un(e, t) {
	return {
		text: e.output ? `${e.node}:${e.output}` : e.node,
		note: K(e),
		target: t
	};
}
function dn(e) {
	return Array.isArray(e) ? `[${e.join(", ")}]` : String(e);
}
function fn(e) {
	let t = (e) => e == null ? "(absent)" : Array.isArray(e) ? `[${e.join(", ")}]` : String(e);
	return `${e.module}: ${e.member_node} ${e.field} ${t(e.representative)} → ${t(e.member)} (representative: ${e.node})`;
}
// src/hidden_nodes.ts
var pn = {
	dead: ["unused operator", "unused operators"],
	check: ["export check", "export checks"],
	plumbing: ["plumbing operator", "plumbing operators"]
}, mn = {
	dead: "unused operator — its result reaches no graph output",
	check: "export check — listed in the details of the node it checks",
	plumbing: "plumbing (a container op, or a reshape or cast that changes nothing) — drawn as the edges through it"
}, hn = "Hidden nodes are not drawn, but search finds them: search a name or op (e.g. arange); choosing a hit marked hidden opens its module and shows its details. Export checks are listed in the details of the node they check.", gn = [
	"dead",
	"check",
	"plumbing"
];
function _n(e, t) {
	let [n, r] = pn[e];
	return `${W(t)} ${t === 1 ? n : r}`;
}
function vn(e) {
	return gn.filter((t) => e[t] > 0).map((t) => `${_n(t, e[t])} hidden`).join(" · ");
}
function yn(e, t) {
	let n = gn.filter((e) => t[e] > 0).map((e) => _n(e, t[e])).join(" · ");
	return n ? {
		...e,
		facts: [...e.facts, ["Hidden directly in it", n]]
	} : e;
}
function bn(e) {
	return e === null ? null : e === "dead" ? "unused" : e;
}
function xn(e) {
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
function Sn(e, t) {
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
		kind: `Hidden ${pn[e.hidden][0]}`,
		note: `Hidden: ${mn[e.hidden]}`,
		facts: a,
		inputs: n ? cn(n) : [],
		outputs: s,
		attributes: n ? Object.entries(n.attrs).map(([e, t]) => [e, dn(t)]) : [],
		embedded: [],
		checks: [],
		differences: [],
		needsNode: n === null
	};
}
var Cn = 20, wn = 16, Tn = 22, En = 34;
function Dn(e) {
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
	let f = On(l);
	for (let e = 0; e < a; e++) d[e] || (l[e] = f + 1);
	f = On(l), e.nodes.forEach((e, t) => {
		e.layer === "first" ? l[t] = 0 : e.layer === "last" && (l[t] = f + 1);
	});
	let p = [];
	for (let e = 0; e < a; e++) (p[l[e]] ??= []).push(e);
	let m = e.direction === "RIGHT" ? "height" : "width", h = e.direction === "RIGHT" ? "width" : "height", g = Array(a).fill(0), _ = p.map((t = []) => t.reduce((t, n) => t + e.nodes[n][m], 0) + Tn * Math.max(0, t.length - 1)), v = On(_), y = Array(a), b = e.direction === "RIGHT" ? Cn : wn;
	p.forEach((t = [], n) => {
		let r = (e) => {
			let t = s[e];
			return t.length ? t.reduce((e, t) => e + g[t], 0) / t.length : Infinity;
		}, i = t.map((e) => [r(e), e]).sort((e, t) => e[0] === t[0] ? e[1] - t[1] : e[0] < t[0] ? -1 : 1), a = (e.direction === "RIGHT" ? wn : Cn) + (v - _[n]) / 2, o = 0;
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
			}, a += n[m] + Tn, o = Math.max(o, n[h]);
		}
		b += o + En;
	});
	let x = e.edges.map((e) => ({
		id: e.id,
		points: [...T(e.source, e.sourcePort, e.target), ...T(e.target, e.targetPort, e.source)]
	})), [S, C] = e.direction === "RIGHT" ? [b - En + Cn, v + 32] : [v + 40, b - En + wn], w = (typeof performance > "u" ? 0 : performance.now()) - t;
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
function On(e) {
	let t = 0;
	for (let n of e) n > t && (t = n);
	return t;
}
// src/expansion.ts
function kn(e) {
	let t = e.chain[e.chain.length - 1];
	if (!t) throw Error(`opened item ${e.itemId} has no view`);
	return t;
}
async function An(e, t) {
	return jn(e, t, "m:", "root", "", null, null);
}
async function jn(e, t, n, r, i, a, o) {
	let s = [await t(i)];
	for (let e = Nn(s[0]); e; e = Nn(s[s.length - 1])) s.push(await t(e.path));
	let c = s[s.length - 1], l = await Promise.all(c.children.filter((t) => Ke(e, t.id)).map((n) => Mn(e, t, n)));
	return {
		itemId: n,
		kind: r,
		chain: s,
		stack: a,
		member: o,
		children: new Map(l.map((e) => [e.itemId, e]))
	};
}
function Mn(e, t, n) {
	switch (n.type) {
		case "module": return jn(e, t, n.id, "module", n.path, null, null);
		case "stack": return e.unstacked.has(n.id) ? Promise.resolve(Pn(n)) : jn(e, t, n.id, "stack", tt(e, n.id), n, tt(e, n.id));
		default: throw Error(`item ${n.id} is an operator and cannot be opened`);
	}
}
function Nn(e) {
	let [t, ...n] = e.children;
	return t && !n.length && t.type === "module" && t.node_count > 0 ? t : null;
}
function Pn(e) {
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
function Fn(e) {
	return `${e.node}:${e.output}`;
}
function In(e, t, n, r = e.module.path || "the root") {
	let i = [];
	for (let t of e.boundary.inputs) i.push({
		id: t.id,
		...$t(Zt(t)),
		layer: "first"
	});
	for (let n of e.children) {
		let e = t.get(n.id);
		if (!e) {
			i.push({
				id: n.id,
				...Qt(n)
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
		...$t(Zt(t)),
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
			let i = Fn(r), a = [Ln(t.get(n.source), i, "out"), Ln(t.get(n.target), i, "in")];
			e.set(a.join("\0"), a);
		}
		e.size || e.set("", [Ln(t.get(n.source), "", "out"), Ln(t.get(n.target), "", "in")]), [...e.values()].forEach(([e, t], r) => s(n.id, {
			source: n.source,
			target: n.target,
			sourcePort: e,
			targetPort: t,
			reversed: n.reversed
		}, r));
	}
	for (let n of e.boundary.inputs) for (let e of n.targets) {
		let r = Ln(t.get(e), Fn(n), "in");
		s(`${n.id}->${e}`, {
			source: n.id,
			target: e,
			targetPort: r,
			reversed: !1
		}, 0);
	}
	for (let n of e.boundary.outputs) {
		let e = Ln(t.get(n.source), Fn(n), "out");
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
function Ln(e, t, n) {
	if (e) return ((n === "in" ? e.inPorts : e.outPorts).find((e) => e.tensor === t) ?? (n === "in" ? e.middleIn : e.middleOut)).id;
}
// src/layout_tree.ts
async function Rn(e, t) {
	let n = await Promise.all([...e.children].map(async ([e, n]) => [e, await Rn(n, t)])), r = new Map(n), i = kn(e), a = zn(e, r), { input: o, edgeOf: s } = In(i, new Map([...r].map(([e, t]) => [e, t.frame])), a, e.member ?? (i.module.path || "the root")), c = e.kind === "unstacked" ? i.edges.length ? await t({
		...o,
		direction: "RIGHT"
	}) : Gn(o) : await t(o);
	return {
		node: e,
		view: i,
		input: o,
		edgeOf: s,
		layout: c,
		frame: Vn(e, i, c),
		children: r
	};
}
function zn(e, t) {
	let n = kn(e), r = [...t].map(([e, t]) => `${e}=${t.frame.width}x${t.frame.height}(${t.layout.key})`).sort().join(",");
	return `${e.kind === "unstacked" ? "row" : "view"}:${n.module.path}[${r}]`;
}
function Bn(e) {
	let t = e.chain[0]?.module, n = e.stack;
	switch (e.kind) {
		case "root": return {
			title: "",
			subtitle: "",
			info: ""
		};
		case "module": return t && Kt(t) ? qt(t) : {
			title: Vt(t?.class_name ?? "") || t?.name || "",
			subtitle: e.chain.map((e) => e.module.name).join(" › "),
			info: t ? Yt(t.parameter_count, t.node_count) : ""
		};
		case "stack": {
			let t = e.chain[0].module, r = e.chain.slice(1).map((e) => e.module.name);
			return {
				title: n ? Gt(n) : "",
				badge: n ? Et(n) : void 0,
				subtitle: [Wt(e.member ?? ""), ...r].join(" › "),
				info: Yt(t.parameter_count, t.node_count)
			};
		}
		case "unstacked": return {
			title: n ? Gt(n) : "",
			badge: n ? Et(n) : void 0,
			subtitle: "members side by side",
			info: n ? Yt(n.parameter_count, n.node_count * n.count) : ""
		};
	}
}
function Vn(e, t, n) {
	let r = Bn(e), i = e.kind === "root", a = i ? 0 : 30, o = e.kind === "stack" || e.kind === "unstacked" ? 10 : 0, s = Math.max(n.width, i ? 0 : en(`${r.title} ${r.badge ?? ""}  ${r.subtitle}`, r.info)), c = a + n.height, l = Math.round((s - n.width) / 2), u = new Map(n.nodes.map((e) => [e.id, e])), d = (t, n, r) => {
		let i = u.get(t);
		return i ? {
			id: `${e.itemId}\u0001${t}`,
			tensor: n,
			x: l + i.x + i.width / 2,
			y: r
		} : null;
	}, f = t.boundary.inputs.flatMap((e) => d(e.id, Fn(e), 0) ?? []), p = t.boundary.outputs.flatMap((e) => d(e.id, Fn(e), c) ?? []);
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
var Hn = 20, Un = 20, Wn = 12;
function Gn(e) {
	let t = [], n = Un, r = Un, i = 0, a = 0;
	return e.nodes.forEach((e, o) => {
		o && o % Wn === 0 && (n = Un, r += i + Hn, i = 0), t.push({
			id: e.id,
			x: n,
			y: r,
			width: e.width,
			height: e.height
		}), n += e.width + Hn, a = Math.max(a, n - Hn + Un), i = Math.max(i, e.height);
	}), {
		key: e.key,
		width: a,
		height: r + i + Un,
		nodes: t,
		edges: [],
		ms: 0
	};
}
// src/scene.ts
var Kn = 9, qn = 3;
function Jn(e) {
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
	Yn(t, e, 0, 0, 0);
	for (let e of t.items) t.byId.set(e.id, e);
	let n = /* @__PURE__ */ new Map();
	for (let e of t.views.values()) for (let t of e.ports) n.set(t.item, [...n.get(t.item) ?? [], t]);
	for (let [e, r] of n) {
		let n = t.byId.get(e);
		n && t.ports.push(...Zn(n, r));
	}
	return t.bounds = $n(t), t;
}
function Yn(e, t, n, r, i) {
	let { view: a, layout: o, frame: s } = t, c = n + s.contentX, l = r + s.contentY;
	e.views.set(a.module.path, a);
	for (let n of t.node.chain) e.views.set(n.module.path, n);
	let u = new Map(a.children.map((e) => [e.id, e])), d = new Map([...a.boundary.inputs, ...a.boundary.outputs].map((e) => [e.id, e])), f = t.node.itemId;
	for (let n of o.nodes) {
		let r = c + n.x, o = l + n.y, s = u.get(n.id);
		if (!s) {
			let t = d.get(n.id);
			t && e.items.push(Xn(t, n, r, o, i, f, a));
			continue;
		}
		let p = t.children.get(n.id), m = p ? p.frame.lines : Xt(s), h = {
			id: s.id,
			type: s.type === "module" || s.type === "stack" || s.type === "input" || s.type === "output" ? s.type : "op",
			open: !!p,
			openAs: p ? p.node.kind : null,
			depth: i,
			lines: m,
			label: Lt(m),
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
			Yn(e, p, r, o, i + 1);
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
			bounds: Qn(o),
			parent: f,
			json: i
		});
	}
}
function Xn(e, t, n, r, i, a, o) {
	let s = Zt(e);
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
function Zn(e, t) {
	let n = [], r = e.x + e.width - e.pile - 12;
	for (let i of ["in", "out"]) {
		let a = r, o = i === "in" ? e.y : e.y + e.height - e.pile, s = i === "in" ? o - Kn : o + Kn;
		for (let r of t.filter((e) => e.direction === i)) {
			let t = i === "out" && r.edges.length > 1 ? `${r.label} ×${r.edges.length}` : r.label, c = G(t, 9);
			a -= c + qn + 4;
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
function Qn(e) {
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
function $n(e) {
	let t = e.bounds.x, n = e.bounds.y, r = e.bounds.x + e.bounds.width, i = e.bounds.y + e.bounds.height;
	for (let a of [...e.items, ...e.ports.map((e) => e.hit)]) t = Math.min(t, a.x), n = Math.min(n, a.y), r = Math.max(r, a.x + a.width), i = Math.max(i, a.y + a.height);
	return {
		x: t,
		y: n,
		width: r - t,
		height: i - n
	};
}
function er(e) {
	let t = 1;
	for (let n of e.children.values()) t += er(n);
	return t;
}
function tr(e) {
	return kn(e).children.length >= 1e3 || [...e.children.values()].some(tr);
}
var nr = class {
	key;
	api;
	layout;
	listener;
	drafts;
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
	wake = null;
	autoOpen = !0;
	constructor(e, t, n, r, i = We, a = null) {
		this.key = e, this.api = t, this.layout = n, this.listener = r, this.drafts = a, this.state = i, this.firstScene = new Promise((e) => this.markFirstScene = e);
	}
	seedViews(e) {
		for (let [t, n] of Object.entries(e)) this.views.has(t) || this.views.set(t, Promise.resolve(n));
	}
	show(e, t = null) {
		return this.wanted = {
			state: e,
			focus: t
		}, this.wake?.(), this.running ||= this.drain().finally(() => this.running = null), this.running;
	}
	async expand(e) {
		if (e !== null && (!Number.isInteger(e) || e < 0)) throw Error(`expand depth must be a whole number ≥ 0 or null (all), got ${e}`);
		if (e === 0) return this.show(et(this.state, []));
		let t = await this.api.expand(this.key, e);
		return this.seedViews(t.views), this.show(et(this.state, t.open));
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
		this.closedFlag = !0, this.wake?.(), this.markFirstScene();
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
		return this.show(nt(this.state, e.reveal), rt(e.reveal));
	}
	showScene(e, t, n, r = !1) {
		let i = this.draftShown;
		this.draftShown = r, performance.mark?.("graphfold:scene", { detail: { draft: r } }), this.scene = e, this.state = t, this.listener.scene(e, t, n, i), this.markFirstScene();
	}
	superseded() {
		return new Promise((e) => this.wake = () => e(rr));
	}
	async drain() {
		for (; this.wanted && !this.closedFlag;) {
			let { state: e } = this.wanted, { focus: t } = this.wanted;
			this.wanted = null;
			try {
				this.autoOpen && (this.autoOpen = !1, e.open.size === 0 && (e = (await this.view("")).open?.reduce((e, t) => qe(e, t), e) ?? e));
				let n = await An(e, (e) => this.view(e)), r = performance.now(), i = Rn(n, this.layout);
				i.catch(() => {});
				let a = this.drafts, o = a !== null && !a.ready, s = tr(n) || er(n) >= 16;
				if (a && (o || s) && !await ir(i, o ? 40 : 120)) {
					let r = await Rn(n, async (e) => a.peek(e) ?? Dn(e));
					if (this.closedFlag || this.wanted) continue;
					this.showScene(Jn(r), e, t, !0);
				}
				if (this.closedFlag || this.wanted) continue;
				let c = await Promise.race([i, this.superseded()]);
				if (this.wake = null, c === rr || this.closedFlag || this.wanted) continue;
				this.layoutMs = performance.now() - r, this.showScene(Jn(c), e, t);
			} catch (e) {
				if (this.closedFlag) return;
				this.markFirstScene(), this.listener.error(e instanceof Error ? e.message : String(e));
			}
		}
	}
}, rr = Symbol("superseded");
function ir(e, t) {
	return new Promise((n) => {
		let r = setTimeout(() => n(!1), t), i = () => {
			clearTimeout(r), n(!0);
		};
		e.then(i, i);
	});
}
// src/view/breadcrumbs.ts
function ar(e, t, n) {
	let r = [], i = t ? e.byId.get(t) : void 0;
	for (; i;) r.unshift({
		id: i.id,
		label: or(i)
	}), i = e.byId.get(i.parent);
	return r.unshift({
		id: "m:",
		label: n || "graph"
	}), r;
}
function or(e) {
	if (e.type === "module" || e.type === "stack") {
		let t = Kt(e.json) ? e.lines.title : e.lines.badge ? `${e.lines.title} ${e.lines.badge}${e.open ? ` (${e.lines.subtitle})` : ""}` : e.lines.subtitle || e.lines.title, n = "wrappers" in e.json ? e.json.wrappers : void 0;
		return n?.length ? `${Jt(n, e.view.module.path)} › ${t}` : t;
	}
	return e.lines.subtitle || e.lines.title;
}
function sr(e) {
	let t = z("nav", {
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
				n && a.push(z("span", {
					class: "gf-crumb-sep",
					"aria-hidden": "true"
				}, "›"));
				let r = z("button", {
					type: "button",
					class: "gf-crumb",
					title: t.id === "m:" ? "Show the whole graph" : t.id.slice(2)
				}, t.label);
				r.addEventListener("click", () => e(t.id)), a.push(r);
			}), B(t, ...a);
		}
	};
}
// src/view/camera.ts
var cr = .002;
function lr(e) {
	return Math.min(4, Math.max(cr, e));
}
function ur(e, t, n, r) {
	let i = lr(e.scale * t), a = i / e.scale;
	return {
		scale: i,
		x: n - (n - e.x) * a,
		y: r - (r - e.y) * a
	};
}
function dr(e, t, n) {
	return {
		...e,
		x: e.x + t,
		y: e.y + n
	};
}
function fr(e, t, n, r = 24, i = 1) {
	let a = Math.max(1, t - 2 * r), o = Math.max(1, n - 2 * r), s = lr(Math.min(i, a / Math.max(1, e.width), o / Math.max(1, e.height)));
	return {
		scale: s,
		x: t / 2 - (e.x + e.width / 2) * s,
		y: n / 2 - (e.y + e.height / 2) * s
	};
}
function pr(e, t, n) {
	return {
		x: -e.x / e.scale,
		y: -e.y / e.scale,
		width: t / e.scale,
		height: n / e.scale
	};
}
function mr(e, t) {
	return {
		x: t.x * e.scale + e.x,
		y: t.y * e.scale + e.y,
		width: t.width * e.scale,
		height: t.height * e.scale
	};
}
function hr(e, t, n) {
	return {
		x: (t - e.x) / e.scale,
		y: (n - e.y) / e.scale
	};
}
function gr(e, t) {
	return e.x <= t.x + t.width && t.x <= e.x + e.width && e.y <= t.y + t.height && t.y <= e.y + e.height;
}
function _r(e, t, n) {
	return t >= e.x && t <= e.x + e.width && n >= e.y && n <= e.y + e.height;
}
// src/view/debug_api.ts
function vr(e, t) {
	if (!e) return [];
	let n = [];
	for (let r of e.items) {
		if (r.type === "boundary") continue;
		let e = mr(t, r);
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
		let e = mr(t, r.hit);
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
function yr(e, t) {
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
function br(e) {
	return e ? e.items.filter((e) => e.type !== "boundary").length + new Set(e.edges.map((e) => e.id)).size + e.ports.length : 0;
}
// src/view/details_panel.ts
function xr(e) {
	let t = z("section", {
		class: "gf-details",
		"data-testid": "details-panel",
		"aria-label": "Details"
	});
	function n(t, n) {
		return n.length ? z("section", {}, z("h3", {}, t), z("ul", { class: "gf-links" }, ...n.map((t) => {
			let n = t.target;
			return z("li", {}, n ? Sr(t.text, () => e(n)) : z("span", { class: "gf-link-text" }, t.text), t.note ? z("span", { class: "gf-note" }, t.note) : null);
		}))) : null;
	}
	function r(e) {
		e ? B(t, z("p", { class: "gf-kind" }, e.kind), z("h2", { class: "gf-path" }, e.heading), e.note ? z("p", {
			class: "gf-hidden-note",
			"data-testid": "details-note"
		}, e.note) : null, z("dl", { class: "gf-facts" }, ...e.facts.flatMap(([e, t]) => [z("dt", {}, e), z("dd", {}, t)])), n("Inputs", e.inputs), n("Outputs", e.outputs), e.attributes.length ? z("section", {}, z("h3", {}, "Attributes"), z("dl", { class: "gf-facts gf-attrs" }, ...e.attributes.flatMap(([e, t]) => [z("dt", {}, e), z("dd", {}, t)]))) : e.needsNode ? z("p", { class: "gf-muted" }, "Loading attributes…") : null, n(e.differences.length || e.kind.startsWith("Stack") ? "Members" : "Embedded parameters and constants", e.embedded), n("Export checks (hidden)", e.checks), e.differences.length ? z("section", {}, z("h3", {}, `Differences between members (${e.differences.length})`), z("ul", { class: "gf-diffs" }, ...e.differences.map((e) => z("li", {}, fn(e))))) : null) : B(t, z("p", { class: "gf-muted" }, "Select an item to see its details. Double-click a module or stack to open it."));
	}
	return r(null), {
		element: t,
		show: r
	};
}
function Sr(e, t) {
	let n = z("button", {
		type: "button",
		class: "gf-link",
		"data-testid": "details-link",
		title: e
	}, e);
	return n.addEventListener("click", t), n;
}
// src/view/details_controller.ts
function Cr(e) {
	let t = xr(e.follow), n = null;
	function r(t, n, r) {
		e.track(t.node(n).then(r, (t) => e.reportError(`Could not load the details of ${n}: ${Dr(t)}`)));
	}
	function i(n, i) {
		let a = null, o = () => e.session() === i && i.state.selection === n.id, s = () => {
			if (!o()) return;
			let e = nn(n, Tr(n, i));
			t.show(a ? yn(e, a) : e);
		};
		s();
		let c = wr(n);
		c !== null && nn(n, Tr(n, i)).needsNode && r(i, c, s);
		let l = Er(n, i);
		l !== null && e.track(i.view(l).then((e) => {
			a = e.hidden, s();
		}, (t) => e.reportError(`Could not load the view of ${l || "the root"}: ${Dr(t)}`)));
	}
	function a(i, a) {
		let o = Sn(i, a.loadedNodes.get(i.name) ?? null);
		t.show(o), o.needsNode && r(a, i.name, () => {
			n === i && e.session() === a && a.state.selection === null && t.show(Sn(i, a.loadedNodes.get(i.name) ?? null));
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
function wr(e) {
	let t = e.json;
	return "type" in t && t.type !== "module" && t.type !== "stack" ? t.name : null;
}
function Tr(e, t) {
	let n = wr(e);
	return n === null ? null : t.loadedNodes.get(n) ?? null;
}
function Er(e, t) {
	let n = e.json;
	return "type" in n ? n.type === "module" ? e.openAs === "unstacked" ? null : n.path : n.type === "stack" ? e.open ? tt(t.state, n.id) : n.representative : null : null;
}
function Dr(e) {
	return e instanceof Error ? e.message : String(e);
}
// src/overlay/color_scale.ts
var Or = [
	"#fef0d9",
	"#fdbb84",
	"#e34a33"
], kr = [
	"#3c3d41",
	"#8a4416",
	"#c2461c"
];
function Ar(e, t, n, r) {
	let i = (r) => {
		let i = t > e ? Math.min(1, Math.max(0, (r - e) / (t - e))) : .5;
		return Math.round((n === "high" ? i : 1 - i) * 31) / 31;
	};
	return {
		min: e,
		max: t,
		weak: n,
		intensity: i,
		color: (e) => jr(r, i(e))
	};
}
function jr(e, t) {
	let n = Math.min(1, Math.max(0, t)) * 2, [r, i, a] = n <= 1 ? [
		e[0],
		e[1],
		n
	] : [
		e[1],
		e[2],
		n - 1
	], o = Pr(r), s = Pr(i);
	return `#${o.map((e, t) => Math.round(e + (s[t] - e) * a).toString(16).padStart(2, "0")).join("")}`;
}
function Mr(e, t, n = 5) {
	return Array.from({ length: n }, (r, i) => {
		let a = n > 1 ? i / (n - 1) : 0;
		return {
			offset: a,
			color: jr(t, e.weak === "high" ? a : 1 - a)
		};
	});
}
function Nr(e) {
	let t = Infinity, n = -Infinity;
	for (let r of e) Number.isFinite(r) && (r < t && (t = r), r > n && (n = r));
	return t <= n ? [t, n] : null;
}
function Pr(e) {
	let t = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(e);
	if (!t) throw Error(`rampColor: "${e}" is not a #rrggbb colour`);
	return [
		parseInt(t[1], 16),
		parseInt(t[2], 16),
		parseInt(t[3], 16)
	];
}
// src/overlay/filter_metrics.ts
var Fr = "weak_share", Ir = .1;
function Lr(e, t = "any") {
	return e.metrics.filter((e) => t === "any" || e.key === t).map((t) => Rr(e, t));
}
function Rr(e, t) {
	if (t.key === "apoz") return {
		key: t.key,
		weak: t.weak,
		threshold: 90,
		description: `${t.label} ${t.weak === "high" ? "≥" : "≤"} 90`
	};
	let n = e.layers.flatMap((e) => Kr(e.metrics[t.key] ?? [])), r = t.weak === "low" ? Ir : .9, i = n.length ? Wr(n, r) : t.weak === "low" ? -Infinity : Infinity, a = Math.round(Ir * 100);
	return {
		key: t.key,
		weak: t.weak,
		threshold: i,
		description: `${t.label} ${t.weak === "low" ? "≤" : "≥"} ${q(i)} (weakest ${a}% of the model)`
	};
}
function zr(e, t) {
	return Number.isFinite(e) ? t.weak === "low" ? e <= t.threshold : e >= t.threshold : !1;
}
function Br(e, t) {
	return Array.from({ length: e.filter_count }, (n, r) => t.some((t) => zr(e.metrics[t.key]?.[r] ?? NaN, t)));
}
function Vr(e, t, n = []) {
	let r = [];
	for (let i of e.layers) {
		let e;
		if (t === "weak_share") {
			let t = Br(i, n);
			e = t.length ? t.filter(Boolean).length / t.length : NaN;
		} else e = Gr(Kr(i.metrics[t] ?? []));
		Number.isFinite(e) && r.push({
			module: i.module,
			value: e,
			weight: i.filter_count
		});
	}
	return r;
}
function Hr(e, t) {
	let n = t === "low" ? 1 : -1;
	return e.map((e, t) => ({
		value: e,
		index: t
	})).sort((e, t) => {
		let r = Number.isFinite(e.value);
		return r === Number.isFinite(t.value) ? (r && e.value !== t.value ? n * (e.value - t.value) : 0) || e.index - t.index : r ? -1 : 1;
	}).map((e) => e.index);
}
function Ur(e, t, n) {
	let r = Math.round(Math.min(100, Math.max(0, n)) / 100 * e.length);
	return Hr(e, t).slice(0, r).sort((e, t) => e - t);
}
function Wr(e, t) {
	if (!e.length) return NaN;
	let n = [...e].sort((e, t) => e - t), r = Math.max(1, Math.ceil(t * n.length));
	return n[Math.min(n.length, r) - 1];
}
function Gr(e) {
	if (!e.length) return NaN;
	let t = 0;
	for (let n of e) t += n;
	return t / e.length;
}
function Kr(e) {
	return e.filter((e) => Number.isFinite(e));
}
function q(e) {
	return Number.isFinite(e) ? e !== 0 && (Math.abs(e) >= 1e6 || Math.abs(e) < .001) ? e.toExponential(2) : String(Number(e.toPrecision(3))) : String(e);
}
var qr = 8, Jr = 3;
function Yr(e, t) {
	let n = e.width - e.pile, r = e.height - e.pile;
	return n * t < 56 || r * t < 30 ? null : {
		x: e.x + qr,
		y: e.y + r - 14 + Jr / 2,
		width: n - 16,
		height: 14 - Jr * 1.5
	};
}
function Xr(e, t) {
	let [n, r] = Nr(e) ?? [0, 0];
	return e.map((i, a) => {
		let o = t.x + (e.length > 1 ? a / (e.length - 1) * t.width : t.width / 2), s = r > n ? (i - n) / (r - n) : .5;
		return {
			x: o,
			y: Number.isFinite(i) ? t.y + t.height * (1 - s) : NaN
		};
	});
}
function Zr(e, t, n, r, i) {
	let a = /* @__PURE__ */ new Set(), o = new Path2D(), s = new Path2D(), c = new Path2D(), l = 1 / r;
	for (let e of t) {
		let t = n.get(e.id), i = t && t.values.length > 1 ? Yr(e, r) : null;
		if (!t || !i) continue;
		a.add(e.id), o.rect(i.x - 2, i.y - 1.5, i.width + 4, i.height + 3);
		let l = Xr(t.values, i);
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
function Qr(e) {
	return {
		titles: 12 * e >= 5,
		subtitles: 10 * e >= 6,
		shapes: e >= .2,
		arrows: e >= .15,
		stubs: e >= .3
	};
}
function $r(e, t) {
	return e.width * t < 6 || e.height * t < 3;
}
function ei(e, t, n, r) {
	let i = pr(t, n, r), a = 12 / t.scale, o = {
		x: i.x - a,
		y: i.y - a,
		width: i.width + 2 * a,
		height: i.height + 2 * a
	}, s = Qr(t.scale);
	return {
		items: e.items.filter((e) => gr(e, o)),
		edges: e.edges.filter((e) => gr(e.bounds, o)),
		ports: s.stubs ? e.ports.filter((e) => gr(e.hit, o)) : []
	};
}
// src/view/renderer.ts
var ti = {
	selection: null,
	hover: null,
	ports: /* @__PURE__ */ new Set(),
	items: /* @__PURE__ */ new Set(),
	ghosts: []
}, ni = `600 12px ${Nt}`, ri = `10px ${Nt}`, ii = `700 10px ${Nt}`, ai = `9px ${Nt}`, oi = 6, si = [5, 3];
function ci(e, t) {
	let { scene: n, camera: r, width: i, height: a, dpr: o, palette: s, emphasis: c } = t, l = t.overlay ?? null;
	e.setTransform(o, 0, 0, o, 0, 0), e.fillStyle = s.background, e.fillRect(0, 0, i, a), e.setTransform(o * r.scale, 0, 0, o * r.scale, o * r.x, o * r.y);
	let u = Qr(r.scale), d = ei(n, r, i, a), f = 1 / r.scale, p = d.items.filter((e) => e.open), m = d.items.filter((e) => !e.open);
	for (let t of p) li(e, t, s, u, f, l?.fills.get(t.id));
	fi(e, d.edges, s, u, f, c), pi(e, m, s, u, r.scale, f, l);
	let h = l?.sparklines ? Zr(e, m, l.sparklines, r.scale, s) : /* @__PURE__ */ new Set();
	if (mi(e, n, s, u, f), hi(e, d.items, s, f, c), u.stubs && gi(e, d.ports, s, f, c), u.titles) for (let t of m) $r(t, r.scale) || _i(e, t, s, u, h.has(t.id));
	return vi(e, c.ghosts, s, f), {
		drawnNodes: d.items.length,
		drawnEdges: d.edges.length,
		drawnPorts: d.ports.length,
		drawnSparklines: h.size
	};
}
function li(e, t, n, r, i, a) {
	let o = t.width - t.pile, s = t.height - t.pile, c = t.pile > 0;
	if (e.lineWidth = Math.max(1, i), c && r.shapes) for (let r = 2; r >= 1; r--) {
		let i = new Path2D();
		J(i, t.x + r * 5, t.y + r * 5, o, s, 8), e.fillStyle = n.stackFill, e.fill(i), e.strokeStyle = n.stackStroke, e.stroke(i);
	}
	let l = new Path2D();
	J(l, t.x, t.y, o, s, r.shapes ? 8 : 0), e.fillStyle = n.background, e.fill(l), e.fillStyle = n.frameFills[t.depth % n.frameFills.length], e.fill(l);
	let u = new Path2D();
	J(u, t.x, t.y, o, Math.min(30, s), r.shapes ? [
		8,
		8,
		0,
		0
	] : 0), e.fillStyle = a ?? (c ? n.stackFill : n.frameHeader), e.fill(u), e.strokeStyle = c ? n.stackStroke : Ct(t.json) ? n.gradient : n.frameStroke, e.setLineDash(Kt(t.json) ? si : []), e.stroke(l), e.setLineDash([]), r.titles && ui(e, t, o, n, r);
}
function ui(e, t, n, r, i) {
	let a = t.y + 15 + 4, o = t.x + 12, s = t.x + n - 12, { lines: c } = t;
	e.textAlign = "left", e.font = ni, e.fillStyle = r.text;
	let l = xi(e, c.title, Math.max(0, s - o));
	if (e.fillText(l, o, a), o += e.measureText(l).width + 8, c.badge && (o += di(e, c.badge, o, a - 4, r) + 8), !i.subtitles) return;
	e.font = ri, e.fillStyle = r.muted;
	let u = c.info ? e.measureText(c.info).width : 0;
	c.info && o + u < s && (e.textAlign = "right", e.fillText(c.info, s, a), e.textAlign = "left");
	let d = s - o - (u ? u + 12 : 0);
	d > 20 && e.fillText(xi(e, c.subtitle, d), o, a);
}
function di(e, t, n, r, i) {
	e.font = ii;
	let a = e.measureText(t).width + 10, o = new Path2D();
	return J(o, n, r - 8, a, 16, 8), e.fillStyle = i.badgeFill, e.fill(o), e.fillStyle = i.badgeText, e.textAlign = "center", e.fillText(t, n + a / 2, r + 3.5), e.textAlign = "left", a;
}
function fi(e, t, n, r, i, a) {
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
		Si(o[i], e.points, l), r.arrows && Ci(s[i], e.points, 7);
	}
	let u = (t, n, r) => {
		e.strokeStyle = n, e.fillStyle = n, e.setLineDash(r ? [6, 4] : []), e.stroke(o[t]), e.setLineDash([]), e.fill(s[t]);
	};
	e.lineWidth = Math.max(1.25, .8 * i), e.lineJoin = "round", u("normal", n.edge, !1), u("back", n.backEdge, !0), u("grad", n.gradient, !1), u("gradBack", n.gradient, !0), e.lineWidth = Math.max(2, 1.5 * i), u("lit", n.selection, !1), u("litBack", n.selection, !0);
}
function pi(e, t, n, r, i, a, o) {
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
		let t = e.type === "input" || e.type === "output" ? "io" : Kt(e.json) ? "helper" : e.type === "module" && Ct(e.json) ? "backward" : e.type, n = e.width - e.pile, a = e.height - e.pile;
		if (o && (t === "op" || t === "module" || t === "helper" || t === "backward" || t === "stack")) {
			let t = o.fills.get(e.id) ?? o.neutralFill, s = d.get(t);
			if (s || d.set(t, s = new Path2D()), $r(e, i) || !r.shapes) {
				s.rect(e.x, e.y, n, a);
				continue;
			}
			for (let t = 2; t >= 1 && e.pile; t--) J(l, e.x + t * 5, e.y + t * 5, n, a, oi);
			J(s, e.x, e.y, n, a, oi);
			continue;
		}
		if ($r(e, i) || !r.shapes) {
			u[t].rect(e.x, e.y, n, a);
			continue;
		}
		for (let t = 2; t >= 1 && e.pile; t--) J(l, e.x + t * 5, e.y + t * 5, n, a, oi);
		let s = t === "io" || t === "boundary" ? a / 2 : oi;
		J(c[t], e.x, e.y, n, a, s);
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
		e.fillStyle = n, e.strokeStyle = r, e.fill(c[t]), e.setLineDash(t === "helper" ? si : []), e.stroke(c[t]), e.setLineDash([]), e.fillStyle = r, e.fill(u[t]);
	}
	if (o) {
		e.strokeStyle = o.stroke;
		for (let [t, n] of d) e.fillStyle = t, e.fill(n), e.stroke(n);
	}
}
function mi(e, t, n, r, i) {
	if (!r.arrows || !t.marks.length) return;
	let a = new Path2D(), o = Math.max(3, 2 * i);
	for (let e of t.marks) a.moveTo(e.x + o, e.y), a.arc(e.x, e.y, o, 0, 2 * Math.PI);
	e.fillStyle = n.frameStroke, e.fill(a);
}
function hi(e, t, n, r, i) {
	for (let a of t) {
		let t = a.id === i.selection, o = i.items.has(a.id), s = a.id === i.hover;
		if (!t && !o && !s) continue;
		let c = new Path2D(), l = a.type === "input" || a.type === "output" || a.type === "boundary" ? (a.height - a.pile) / 2 : oi;
		J(c, a.x - 2 * r, a.y - 2 * r, a.width - a.pile + 4 * r, a.height - a.pile + 4 * r, l), e.lineWidth = t || o ? 2.5 * r : 1.5 * r, e.strokeStyle = t ? n.selection : o ? n.highlight : n.muted, e.stroke(c);
	}
}
function gi(e, t, n, r, i) {
	let a = new Path2D(), o = new Path2D();
	for (let e of t) {
		a.moveTo(e.x, e.anchorY), a.lineTo(e.x, e.y);
		let t = i.ports.has(e.id) ? 4.5 : 3;
		o.moveTo(e.x + t, e.y), o.arc(e.x, e.y, t, 0, 2 * Math.PI);
	}
	e.lineWidth = Math.max(1.25, r), e.strokeStyle = n.stub, e.fillStyle = n.stub, e.stroke(a), e.fill(o), e.font = ai, e.textAlign = "left";
	for (let r of t) e.fillStyle = i.ports.has(r.id) ? n.highlight : n.stub, e.fillText(r.text, r.x + 6, r.y + 3);
}
function _i(e, t, n, r, i = !1) {
	let a = t.width - t.pile, o = t.height - t.pile - (i ? 14 : 0), s = t.x + a / 2, c = bi(e, t, a - 16);
	if (e.textAlign = "center", t.type === "boundary") {
		e.font = ri, e.fillStyle = n.muted, e.fillText(c.title + (r.subtitles && c.subtitle ? `  ${c.subtitle}` : ""), s, t.y + o / 2 + 3.5);
		return;
	}
	let l = r.subtitles ? i ? [c.subtitle].filter((e) => e && o >= 36) : [c.subtitle, c.info].filter(Boolean) : [], u = t.y + o / 2 - l.length * 14 / 2 + 4;
	if (e.font = ni, e.fillStyle = n.text, t.lines.badge) {
		let r = e.measureText(c.title).width;
		e.font = ii;
		let i = e.measureText(t.lines.badge).width + 10, a = s - (r + 6 + i) / 2;
		e.font = ni, e.textAlign = "left", e.fillText(c.title, a, u), di(e, t.lines.badge, a + r + 6, u - 4, n), e.textAlign = "center";
	} else e.fillText(c.title, s, u);
	e.font = ri, e.fillStyle = n.muted;
	for (let t of l) u += 14, e.fillText(t, s, u);
}
function vi(e, t, n, r) {
	if (!t.length) return;
	let i = new Path2D();
	for (let { from: e, to: n } of t) {
		i.moveTo(e.x, e.y);
		let t = Math.max(40, Math.abs(n.y - e.y) / 3);
		i.bezierCurveTo(e.x + t, e.y, n.x + t, n.y, n.x, n.y);
	}
	e.setLineDash([4 * r, 3 * r]), e.lineWidth = 2 * r, e.strokeStyle = n.highlight, e.stroke(i), e.setLineDash([]);
}
var yi = /* @__PURE__ */ new WeakMap();
function bi(e, t, n) {
	let r = yi.get(t);
	if (r && r.width === n) return r;
	let i = t.lines.badge ? t.lines.badge.length * 7 + 22 : 0;
	e.font = ni;
	let a = xi(e, t.lines.title, n - i);
	e.font = ri;
	let o = {
		width: n,
		title: a,
		subtitle: xi(e, t.lines.subtitle, n),
		info: xi(e, t.lines.info, n)
	};
	return yi.set(t, o), o;
}
function xi(e, t, n) {
	if (!t || e.measureText(t).width <= n) return t;
	let r = 0, i = t.length;
	for (; r < i;) {
		let a = Math.ceil((r + i) / 2);
		e.measureText(`${t.slice(0, a)}…`).width <= n ? r = a : i = a - 1;
	}
	return r ? `${t.slice(0, r)}…` : "";
}
function J(e, t, n, r, i, a) {
	typeof e.roundRect == "function" ? e.roundRect(t, n, r, i, a) : e.rect(t, n, r, i);
}
function Si(e, t, n) {
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
function Ci(e, t, n) {
	let r = t.length;
	if (r < 4) return;
	let i = t[r - 2], a = t[r - 1], o = i - t[r - 4], s = a - t[r - 3], c = Math.hypot(o, s) || 1, l = o / c, u = s / c;
	e.moveTo(i, a), e.lineTo(i - l * n - u * n * .45, a - u * n + l * n * .45), e.lineTo(i - l * n + u * n * .45, a - u * n - l * n * .45), e.closePath();
}
// src/view/export.ts
var wi = "http://www.w3.org/2000/svg", Y = 20, Ti = 260, Ei = 14;
function Di(e) {
	return e ? Y + Ei * (4 + e.notes.length) + 10 : 0;
}
function Oi(e) {
	let t = e.format ?? q, n = e.markWeak ?? !0;
	return {
		min: `${t(e.scale.min)}${n && e.scale.weak === "low" ? " (weak)" : ""}`,
		max: `${t(e.scale.max)}${n && e.scale.weak === "high" ? " (weak)" : ""}`
	};
}
function ki(e, t, n = document, r = null) {
	let i = e.bounds, a = r?.legend ?? null, o = r?.paint ?? null, s = Math.ceil(Math.max(i.width + 40, a ? 300 : 0)), c = Math.ceil(i.height + 40 + Di(a)), l = Z(n, "svg", {
		xmlns: wi,
		width: s,
		height: c,
		viewBox: `${i.x - Y} ${i.y - Y} ${s} ${c}`
	});
	l.setAttribute("font-family", Nt);
	let u = Z(n, "defs", {});
	for (let [e, r] of [
		["gf-arrow", t.edge],
		["gf-arrow-back", t.backEdge],
		["gf-arrow-grad", t.gradient]
	]) {
		let t = Z(n, "marker", {
			id: e,
			viewBox: "0 0 10 10",
			refX: 9,
			refY: 5,
			markerWidth: 7,
			markerHeight: 7,
			orient: "auto-start-reverse",
			markerUnits: "userSpaceOnUse"
		});
		t.append(Z(n, "path", {
			d: "M0,0 L10,5 L0,10 z",
			fill: r
		})), u.append(t);
	}
	l.append(u), l.append(Z(n, "rect", {
		x: i.x - Y,
		y: i.y - Y,
		width: s,
		height: c,
		fill: t.background
	}));
	for (let r of e.items) r.open && l.append(Ni(n, r, t, o));
	let d = Z(n, "g", {
		fill: "none",
		"stroke-width": 1.25
	});
	for (let r of e.edges) {
		let e = r.points.reduce((e, t, n) => e + (n % 2 ? `,${Ii(t)}` : `${n ? " L" : "M"}${Ii(t)}`), "");
		d.append(Z(n, "path", {
			d: e,
			stroke: r.json?.gradient ? t.gradient : r.reversed ? t.backEdge : t.edge,
			"stroke-dasharray": r.reversed ? "6 4" : null,
			"marker-end": `url(#${r.json?.gradient ? "gf-arrow-grad" : r.reversed ? "gf-arrow-back" : "gf-arrow"})`
		}));
	}
	l.append(d);
	for (let r of e.items) r.open || l.append(Pi(n, r, t, o));
	for (let r of e.ports) {
		let e = Z(n, "g", {
			fill: t.stub,
			stroke: t.stub
		});
		e.append(Z(n, "line", {
			x1: r.x,
			y1: r.anchorY,
			x2: r.x,
			y2: r.y,
			"stroke-width": 1.25
		})), e.append(Z(n, "circle", {
			cx: r.x,
			cy: r.y,
			r: 3,
			stroke: "none"
		})), e.append(X(n, r.text, r.x + 6, r.y + 3, 9, { stroke: "none" })), l.append(e);
	}
	return a && l.append(Ai(n, a, t, i.x, i.y + i.height + Y)), l;
}
function Ai(e, t, n, r, i) {
	let a = Z(e, "g", { "data-export": "overlay-legend" }), o = "gf-legend-ramp", s = Z(e, "linearGradient", {
		id: o,
		x1: 0,
		x2: 1,
		y1: 0,
		y2: 0
	});
	for (let n of Mr(t.scale, t.ramp)) s.append(Z(e, "stop", {
		offset: n.offset,
		"stop-color": n.color
	}));
	let c = Z(e, "defs", {});
	c.append(s);
	let { min: l, max: u } = Oi(t);
	a.append(c, X(e, t.title, r, i + 10, 12, {
		fill: n.text,
		"font-weight": 600
	}), Z(e, "rect", {
		x: r,
		y: i + Ei + 2,
		width: Ti,
		height: 10,
		fill: `url(#${o})`,
		"data-export": "overlay-legend-scale"
	}), X(e, l, r, i + 42, 10, { fill: n.muted }), X(e, u, r + Ti, i + 42, 10, {
		fill: n.muted,
		"text-anchor": "end"
	})), t.notes.forEach((t, o) => a.append(X(e, t, r, i + (4 + o) * Ei, 10, { fill: n.muted })));
	let d = i + (4 + t.notes.length) * Ei;
	return a.append(Z(e, "rect", {
		x: r,
		y: d - 8,
		width: 10,
		height: 10,
		fill: t.neutral,
		stroke: n.muted
	})), a.append(X(e, "no statistics", r + 14, d, 10, { fill: n.muted })), a;
}
function ji(e) {
	return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(e)}`;
}
function Mi(e) {
	return Kt(e.json) ? "5 3" : null;
}
function Ni(e, t, n, r) {
	let i = Z(e, "g", {}), a = t.width - t.pile, o = t.height - t.pile, s = t.pile > 0;
	for (let r = 2; r >= 1 && s; r--) i.append(Z(e, "rect", {
		x: t.x + r * 5,
		y: t.y + r * 5,
		width: a,
		height: o,
		rx: 8,
		fill: n.stackFill,
		stroke: n.stackStroke
	}));
	i.append(Z(e, "rect", {
		x: t.x,
		y: t.y,
		width: a,
		height: o,
		rx: 8,
		fill: n.background
	})), i.append(Z(e, "rect", {
		x: t.x,
		y: t.y,
		width: a,
		height: o,
		rx: 8,
		fill: n.frameFills[t.depth % n.frameFills.length],
		stroke: s ? n.stackStroke : Ct(t.json) ? n.gradient : n.frameStroke,
		"stroke-dasharray": Mi(t)
	})), i.append(Z(e, "rect", {
		x: t.x + .5,
		y: t.y + .5,
		width: a - 1,
		height: 30,
		rx: 8,
		fill: r?.fills.get(t.id) ?? (s ? n.stackFill : n.frameHeader)
	}));
	let c = [
		t.lines.title,
		t.lines.badge,
		t.lines.subtitle
	].filter(Boolean).join("  ");
	return i.append(X(e, Fi(c, a - 24, 12), t.x + 12, t.y + 15 + 4, 12, {
		fill: n.text,
		"font-weight": 600
	})), i;
}
function Pi(e, t, n, r) {
	let i = Z(e, "g", {}), a = t.width - t.pile, o = t.height - t.pile, [s, c] = r && (t.type === "op" || t.type === "module" || t.type === "stack") ? [r.fills.get(t.id) ?? r.neutralFill, r.stroke] : t.type === "module" && Ct(t.json) ? [n.backwardFill, n.gradient] : t.type === "module" ? [n.moduleFill, n.moduleStroke] : t.type === "stack" ? [n.stackFill, n.stackStroke] : t.type === "input" || t.type === "output" ? [n.ioFill, n.ioStroke] : t.type === "boundary" ? [n.boundaryFill, n.boundaryStroke] : [n.opFill, n.opStroke], l = t.type === "input" || t.type === "output" || t.type === "boundary" ? o / 2 : 6;
	for (let n = 2; n >= 1 && t.pile; n--) i.append(Z(e, "rect", {
		x: t.x + n * 5,
		y: t.y + n * 5,
		width: a,
		height: o,
		rx: l,
		fill: s,
		stroke: c
	}));
	i.append(Z(e, "rect", {
		x: t.x,
		y: t.y,
		width: a,
		height: o,
		rx: l,
		fill: s,
		stroke: c,
		"stroke-dasharray": Mi(t)
	}));
	let u = t.x + a / 2;
	if (t.type === "boundary") return i.append(X(e, Fi(`${t.lines.title}  ${t.lines.subtitle}`, a - 12, 10), u, t.y + o / 2 + 3.5, 10, {
		fill: n.muted,
		"text-anchor": "middle"
	})), i;
	let d = [t.lines.subtitle, t.lines.info].filter(Boolean), f = t.y + o / 2 - d.length * 14 / 2 + 4, p = t.lines.badge ? `${t.lines.title} ${t.lines.badge}` : t.lines.title;
	i.append(X(e, Fi(p, a - 16, 12), u, f, 12, {
		fill: n.text,
		"font-weight": 600,
		"text-anchor": "middle"
	}));
	for (let t of d) f += 14, i.append(X(e, Fi(t, a - 16, 10), u, f, 10, {
		fill: n.muted,
		"text-anchor": "middle"
	}));
	return i;
}
function X(e, t, n, r, i, a) {
	let o = Z(e, "text", {
		x: Ii(n),
		y: Ii(r),
		"font-size": i,
		...a
	});
	return o.textContent = t, o;
}
function Z(e, t, n) {
	let r = e.createElementNS(wi, t);
	for (let [e, t] of Object.entries(n)) t !== null && e !== "xmlns" && r.setAttribute(e, typeof t == "number" ? String(Ii(t)) : t);
	return r;
}
function Fi(e, t, n) {
	if (G(e, n) <= t) return e;
	let r = e.length;
	for (; r > 0 && G(`${e.slice(0, r)}…`, n) > t;) r--;
	return r ? `${e.slice(0, r)}…` : "";
}
function Ii(e) {
	return Math.round(e * 100) / 100;
}
function Li(e, t, n = null) {
	let r = e.bounds, i = n?.legend ?? null, a = Math.max(r.width + 40, i ? 300 : 0), o = r.height + 40 + Di(i), s = Math.min(2, 16e3 / a, 16e3 / o, Math.sqrt(12e7 / (a * o))), c = document.createElement("canvas");
	c.width = Math.max(1, Math.ceil(a * s)), c.height = Math.max(1, Math.ceil(o * s));
	let l = c.getContext("2d");
	if (!l) throw Error("this browser cannot paint a canvas for the PNG export");
	return ci(l, {
		scene: e,
		camera: {
			scale: 1,
			x: Y - r.x,
			y: Y - r.y
		},
		width: a,
		height: o,
		dpr: s,
		palette: t,
		emphasis: ti,
		overlay: n?.paint ?? null
	}), i && (l.setTransform(s, 0, 0, s, 0, 0), Ri(l, i, t, Y, r.height + 40)), c;
}
function Ri(e, t, n, r, i) {
	let { min: a, max: o } = Oi(t);
	e.font = `600 12px ${Nt}`, e.fillStyle = n.text, e.textAlign = "left", e.fillText(t.title, r, i + 10);
	let s = e.createLinearGradient(r, 0, r + Ti, 0);
	for (let e of Mr(t.scale, t.ramp)) s.addColorStop(e.offset, e.color);
	e.fillStyle = s, e.fillRect(r, i + Ei + 2, Ti, 10), e.font = `10px ${Nt}`, e.fillStyle = n.muted, e.fillText(a, r, i + 42), e.textAlign = "right", e.fillText(o, r + Ti, i + 42), e.textAlign = "left", t.notes.forEach((t, n) => e.fillText(t, r, i + (4 + n) * Ei));
	let c = i + (4 + t.notes.length) * Ei;
	e.fillStyle = t.neutral, e.fillRect(r, c - 8, 10, 10), e.fillStyle = n.muted, e.fillText("no statistics", r + 14, c);
}
function zi(e, t) {
	let n = URL.createObjectURL(e), r = document.createElement("a");
	r.href = n, r.download = t, r.hidden = !0, document.body.append(r), r.click(), r.remove(), setTimeout(() => URL.revokeObjectURL(n), 1e4);
}
function Bi(e, t) {
	return `${e.map((e) => e.replace(/[^\w.-]+/g, "_").replace(/^[_.]+|_+$/g, "")).filter(Boolean).join("-").slice(0, 80) || "graph"}.${t}`;
}
// src/view/graph_exports.ts
function Vi(e) {
	let t = e.key;
	return t ? [e.graphName || t.tag, `step${t.step}`] : ["graph"];
}
function Hi(e) {
	if (!e.scene || !e.palette) return;
	let t = ji(ki(e.scene, e.palette, document, e.overlay ?? null));
	zi(new Blob([t], { type: "image/svg+xml" }), Bi(Vi(e), "svg"));
}
function Ui(e, t) {
	if (e.scene && e.palette) try {
		Li(e.scene, e.palette, e.overlay ?? null).toBlob((n) => {
			n ? zi(n, Bi(Vi(e), "png")) : t("The PNG export failed: the drawing is too large for one image; export SVG instead.");
		}, "image/png");
	} catch (e) {
		t(e instanceof Error ? e.message : String(e));
	}
}
function Wi(e) {
	let t = z("input", {
		type: "number",
		class: "gf-depth",
		"data-testid": "expand-depth",
		min: 1,
		max: 20,
		step: 1,
		value: 2,
		title: "Depth to expand to (keys 1–9)",
		"aria-label": "Depth to expand to"
	}), n = V("expand-depth-button", "Depth", "Expand to the depth on the left, closing what is deeper (keys 1–9)", () => {
		let n = Gi(t.value);
		n !== null && e(n);
	});
	return { element: z("div", { class: "gf-expand" }, V("expand-all", "Expand all", "Open every module and stack (stacks on their representative) (e)", () => e(null)), t, n, V("collapse-all", "Collapse", "Close everything (c)", () => e(0))) };
}
function Gi(e) {
	let t = Number(e.trim());
	return Number.isInteger(t) && t >= 1 && t <= 20 && e.trim() !== "" ? t : null;
}
function Ki(e) {
	return e === "e" ? null : e === "c" ? 0 : /^[1-9]$/.test(e) ? Number(e) : void 0;
}
// src/view/hit_test.ts
function qi(e, t, n, r = !0) {
	if (r) for (let r = e.ports.length - 1; r >= 0; r--) {
		let i = e.ports[r];
		if (_r(i.hit, t, n)) return {
			kind: "port",
			port: i
		};
	}
	let i = Ji(e, t, n);
	return i ? {
		kind: "item",
		item: i
	} : null;
}
function Ji(e, t, n) {
	for (let r = e.items.length - 1; r >= 0; r--) {
		let i = e.items[r];
		if (_r(i, t, n)) return i;
	}
	return null;
}
// src/view/canvas_input.ts
var Yi = 4, Xi = 60;
function Zi(e, t) {
	let n = null, r = null;
	function i(n, r) {
		if (!t.scene) return null;
		let i = e.getBoundingClientRect(), a = hr(t.camera, n - i.left, r - i.top);
		return qi(t.scene, a.x, a.y, t.camera.scale >= .3);
	}
	function a(e) {
		let n = (e) => e === null ? "" : "port" in e ? `p${e.port.id}` : `i${e.item.id}`;
		n(e) !== n(r) && (r = e, t.hoverChanged(r));
	}
	return e.addEventListener("pointerdown", (r) => {
		r.button === 0 && (e.focus({ preventScroll: !0 }), n = {
			x: r.clientX,
			y: r.clientY,
			camera: t.camera,
			dragged: !1,
			id: r.pointerId
		}, t.hover(null, 0, 0), e.setPointerCapture?.(r.pointerId));
	}), e.addEventListener("pointermove", (o) => {
		if (n && n.id === o.pointerId) {
			let r = o.clientX - n.x, i = o.clientY - n.y;
			!n.dragged && Math.hypot(r, i) > Yi && (n.dragged = !0, e.classList.add("gf-dragging")), n.dragged && (t.camera = dr(n.camera, r, i), t.redraw());
			return;
		}
		let s = i(o.clientX, o.clientY);
		a(s?.kind === "port" ? { port: s.port } : s?.kind === "item" ? { item: s.item } : null), e.style.cursor = s?.kind === "port" ? "pointer" : "", t.hover(r, o.clientX, o.clientY);
	}), e.addEventListener("pointerup", (r) => {
		if (!n || n.id !== r.pointerId) return;
		let a = n.dragged;
		if (n = null, e.classList.remove("gf-dragging"), a) return;
		let o = i(r.clientX, r.clientY);
		o?.kind === "port" ? t.stubClick(o.port) : t.select(o?.kind === "item" && o.item.type !== "boundary" ? o.item.id : null);
	}), e.addEventListener("pointercancel", () => {
		n = null, e.classList.remove("gf-dragging");
	}), e.addEventListener("pointerleave", () => {
		!n && r && (a(null), t.hover(null, 0, 0));
	}), e.addEventListener("dblclick", (e) => {
		let n = i(e.clientX, e.clientY);
		n?.kind === "item" && (n.item.type === "module" || n.item.type === "stack") && (e.preventDefault(), t.toggle(n.item.id));
	}), e.addEventListener("wheel", (n) => {
		n.preventDefault();
		let r = e.getBoundingClientRect(), i = n.deltaMode === 1 ? 16 : n.deltaMode === 2 ? t.size.height : 1, a = n.deltaY * i;
		if (n.shiftKey && !n.ctrlKey) t.camera = dr(t.camera, -a, 0);
		else {
			let e = Math.exp(-a * (n.ctrlKey ? .01 : .0015));
			t.camera = ur(t.camera, e, n.clientX - r.left, n.clientY - r.top);
		}
		t.redraw();
	}, { passive: !1 }), e.addEventListener("keydown", (e) => {
		e.ctrlKey || e.metaKey || e.altKey || Qi(e.key, t) && e.preventDefault();
	}), { forgetHover() {
		r = null;
	} };
}
function Qi(e, t) {
	let n = Ki(e);
	if (n !== void 0) return t.expand(n), !0;
	switch (e) {
		case "Enter":
		case " ": {
			let e = t.selection ? t.scene?.byId.get(t.selection) : void 0;
			return e && (e.type === "module" || e.type === "stack") && t.toggle(e.id), !0;
		}
		case "Escape": return t.select(null), !0;
		case "+":
		case "=": return t.zoomBy(1.25), !0;
		case "-":
		case "_": return t.zoomBy(.8), !0;
		case "0":
		case "f": return t.fit(), !0;
		case "ArrowLeft": return $i(t, Xi, 0);
		case "ArrowRight": return $i(t, -60, 0);
		case "ArrowUp": return $i(t, 0, Xi);
		case "ArrowDown": return $i(t, 0, -60);
		default: return !1;
	}
}
function $i(e, t, n) {
	return e.camera = dr(e.camera, t, n), e.redraw(), !0;
}
// src/view/frame_scheduler.ts
function ea(e) {
	let t = !1, n = [], r = () => {
		t = !1, e();
		let r = n;
		n = [];
		for (let e of r) e();
	};
	return {
		request() {
			t || (t = !0, typeof requestAnimationFrame == "function" ? requestAnimationFrame(r) : setTimeout(r, 16));
		},
		drawn() {
			return t ? new Promise((e) => n.push(e)) : Promise.resolve();
		}
	};
}
function ta(e, t) {
	let n = t.scale / e.scale;
	return {
		k: n,
		dx: t.x - e.x * n,
		dy: t.y - e.y * n
	};
}
function na() {
	let e = null, t = null;
	return {
		keep(n, r, i) {
			e ??= document.createElement("canvas"), (e.width !== n.width || e.height !== n.height) && (e.width = n.width, e.height = n.height);
			let a = e.getContext("2d");
			a && (a.setTransform(1, 0, 0, 1, 0, 0), a.drawImage(n, 0, 0), t = {
				camera: r,
				version: i
			});
		},
		drawMoved(n, r, i, a, o) {
			if (!e || !t || t.version !== i) return !1;
			let { k: s, dx: c, dy: l } = ta(t.camera, r);
			return n.setTransform(1, 0, 0, 1, 0, 0), n.fillStyle = o, n.fillRect(0, 0, n.canvas.width, n.canvas.height), n.setTransform(s, 0, 0, s, c * a, l * a), n.drawImage(e, 0, 0), !0;
		},
		forget() {
			t = null;
		}
	};
}
// src/view/stub_highlight.ts
function ra(e, t) {
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
	for (let n of ia(e, t)) {
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
function ia(e, t) {
	let n = t.direction === "in" ? [t.json.node] : t.json.edges.map((e) => e[2]), r = /* @__PURE__ */ new Map(), i = [];
	for (let t of new Set(n)) {
		let n = e.byId.get(`n:${t}`);
		n ? r.set(n.id, n) : i.push(t);
	}
	if (i.length) for (let n of t.json.peers) {
		let i = aa(e, n);
		i && i.id !== t.item && r.set(i.id, i);
	}
	return [...r.values()];
}
function aa(e, t) {
	let n = null;
	for (let r of e.items) {
		let e = r.json;
		("type" in e && e.type === "module" ? [e.path] : "type" in e && e.type === "stack" ? e.members : []).some((e) => e === t || it(t, e)) && (!n || r.depth >= n.depth) && (n = r);
	}
	return n;
}
// src/view/theme.ts
var oa = {
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
}, sa = {
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
function ca(e = window) {
	try {
		return e.parent === e ? null : e.parent.document.body.classList.contains("dark-mode");
	} catch {
		return null;
	}
}
function la(e = window) {
	return typeof e.matchMedia == "function" && e.matchMedia("(prefers-color-scheme: dark)").matches;
}
function ua(e, t = window) {
	let n = () => e(ca(t) ?? la(t) ? sa : oa);
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
function da(e) {
	let t = z("canvas", {
		class: "gf-canvas",
		"data-testid": "graph-canvas",
		tabindex: 0,
		"aria-label": "Model graph"
	}), n = pa(t), r = null, i = {
		scale: 1,
		x: 0,
		y: 0
	}, a = {
		width: 0,
		height: 0
	}, o = oa, s = null, c = null, l = ti, u = null, d = {
		drawnNodes: 0,
		drawnEdges: 0,
		drawnPorts: 0,
		drawnSparklines: 0
	}, f = 0, p = ea(x), m = 0, h = null, g = na(), _ = null, v = [], y = () => p.request(), b = () => {
		m += 1, y();
	};
	function x() {
		let s = performance.now();
		r && n && a.width > 0 && a.height > 0 ? h !== null && h !== i && g.drawMoved(n, i, m, fa(), o.background) ? (_ && clearTimeout(_), _ = setTimeout(S, 120)) : (d = ci(n, {
			scene: r,
			camera: i,
			width: a.width,
			height: a.height,
			dpr: fa(),
			palette: o,
			emphasis: l,
			overlay: u
		}), h = i, d.drawnNodes + d.drawnEdges + d.drawnPorts >= 2e3 ? g.keep(t, i, m) : g.forget()) : n && (n.setTransform(1, 0, 0, 1, 0, 0), n.fillStyle = o.background, n.fillRect(0, 0, t.width, t.height), d = {
			drawnNodes: 0,
			drawnEdges: 0,
			drawnPorts: 0,
			drawnSparklines: 0
		}), f = performance.now() - s, e.changed();
	}
	function S() {
		_ = null, h = null, y();
		let e = v;
		v = [];
		for (let t of e) t();
	}
	function C() {
		let e = t.getBoundingClientRect(), n = Math.max(0, Math.round(e.width)), i = Math.max(0, Math.round(e.height));
		if (n === a.width && i === a.height) return;
		let o = a.width === 0 || a.height === 0;
		a = {
			width: n,
			height: i
		}, t.width = Math.round(n * fa()), t.height = Math.round(i * fa()), o && r && w(), b();
	}
	function w() {
		r && a.width && (i = fr(r.bounds, a.width, a.height, 24, 1.2), y());
	}
	function T() {
		let e = c && "port" in c ? c.port : null;
		l = {
			...e && r ? ra(r, e) : {
				ports: /* @__PURE__ */ new Set(),
				items: /* @__PURE__ */ new Set(),
				ghosts: []
			},
			selection: s,
			hover: c && "item" in c ? c.item.id : null
		};
	}
	function E(e) {
		i = ur(i, e, a.width / 2, a.height / 2), y();
	}
	let D = Zi(t, {
		get scene() {
			return r;
		},
		get selection() {
			return s;
		},
		get size() {
			return a;
		},
		get camera() {
			return i;
		},
		set camera(e) {
			i = e;
		},
		redraw: y,
		zoomBy: E,
		fit: w,
		hoverChanged(e) {
			c = e, T(), b();
		},
		select: (t) => e.select(t),
		toggle: (t) => e.toggle(t),
		expand: (t) => e.expand(t),
		stubClick: (t) => e.stubClick(t),
		hover: (t, n, r) => e.hover(t, n, r)
	});
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
			r = t, c = null, D.forgetHover(), e.hover(null, 0, 0);
			let s = t && n ? t.byId.get(n.id) : void 0;
			if (n && s) {
				i = {
					...i,
					x: i.x + (n.before.x - s.x) * i.scale,
					y: i.y + (n.before.y - s.y) * i.scale
				};
				let e = mr(i, s);
				(e.x < 0 || e.y < 0 || e.x + e.width > a.width || e.y + e.height > a.height) && (i = fr(s, a.width, a.height, 32, i.scale));
			} else o && w();
			T(), b();
		},
		setSelection(e) {
			s = e, T(), b();
		},
		setPalette(e) {
			o = e, b();
		},
		setOverlay(e) {
			u = e, b();
		},
		setCamera(e) {
			i = e, y();
		},
		fit: w,
		reveal(e) {
			let t = r?.byId.get(e);
			if (!t || !a.width) return;
			let n = mr(i, t), o = i.scale >= .6, s = n.x >= 0 && n.y >= 0 && n.x + n.width <= a.width && n.y + n.height <= a.height;
			o && s || (i = fr({
				x: t.x - 80,
				y: t.y - 80,
				width: t.width + 160,
				height: t.height + 160
			}, a.width, a.height, 16, 1.2), y());
		},
		zoomBy: E,
		panZoom(e, t, n) {
			i = ur(dr(i, e, t), n, a.width / 2, a.height / 2), y();
		},
		async drawn() {
			for (await p.drawn(); _;) await new Promise((e) => v.push(e)), await p.drawn();
		},
		resize: C
	};
}
function fa() {
	return Math.max(1, Math.min(3, globalThis.devicePixelRatio || 1));
}
function pa(e) {
	if (typeof navigator < "u" && /jsdom/i.test(navigator.userAgent)) return null;
	try {
		return e.getContext("2d", { alpha: !1 });
	} catch {
		return null;
	}
}
// src/view/summary_panel.ts
var ma = {
	torch_export: "torch.export",
	onnx: "ONNX",
	graphdef: "GraphDef",
	torchscript: "TorchScript",
	unspecified: "unspecified"
}, ha = {
	"torch.export": "torch.export",
	"torch.export(strict)": "torch.export (strict)",
	torchscript: "TorchScript",
	onnx: "ONNX",
	graphdef: "GraphDef",
	"": "not recorded"
}, ga = {
	torchscript: "torch.export could not capture this model (log_graph's warning says why), or it is a ScriptModule. A trace shows the path the example inputs took through data-dependent code.",
	"torch.export(strict)": "Non-strict torch.export failed; strict export (TorchDynamo) captured it."
};
function _a(e) {
	return ha[e] ?? e;
}
function va(e) {
	return z("article", { class: "gf-summary" }, z("h2", {}, e.name || "(unnamed graph)"), z("dl", { class: "gf-facts" }, ya("Source format", ma[e.sourceFormat] ?? e.sourceFormat), ya("Producer", e.producer || "—"), ya("Captured with", _a(e.capture), ga[e.capture])), z("ul", { class: "gf-counts" }, ba(e.nodeCount, "node"), ba(e.edgeCount, "edge"), ba(e.moduleCount, "module"), ba(e.parameterCount, "parameter", mt)), z("div", { class: "gf-tables" }, z("section", {}, z("h3", {}, "Top-level modules"), xa(e)), z("section", {}, z("h3", {}, "Module classes"), Ca(e))));
}
function ya(e, t, n) {
	let r = document.createDocumentFragment(), i = `fact-${e.toLowerCase().replace(/\s+/g, "-")}`;
	return r.append(z("dt", {}, e), z("dd", {
		title: n ?? null,
		"data-testid": i
	}, t)), r;
}
function ba(e, t, n = W) {
	let r = W(e), i = n(e);
	return z("li", { title: i === r ? null : r }, z("span", { class: "gf-count" }, i), ` ${t}${e === 1 ? "" : "s"}`);
}
function xa(e) {
	let t = e.topLevelModules.map(Sa);
	return e.rootNodeCount > 0 && t.push(z("tr", { class: "gf-muted" }, z("td", {}, "(root module itself)"), z("td", {}), z("td", { class: "gf-num" }, W(e.rootNodeCount)))), t.length ? Ta([
		"Module",
		"Class",
		"Nodes"
	], t) : z("p", { class: "gf-muted" }, "This graph has no nodes.");
}
function Sa(e) {
	return z("tr", {}, z("td", { class: "gf-path" }, e.path), wa(e.className), z("td", { class: "gf-num" }, W(e.nodeCount)));
}
function Ca(e) {
	return e.classCounts.length ? Ta(["Class", "Instances"], e.classCounts.map(({ className: e, count: t }) => z("tr", {}, wa(e), z("td", { class: "gf-num" }, W(t))))) : z("p", { class: "gf-muted" }, "This graph has no modules.");
}
function wa(e) {
	return e ? z("td", { title: e }, Tt(e)) : z("td", { class: "gf-muted" }, "(unknown class)");
}
function Ta(e, t) {
	return z("table", {}, z("thead", {}, z("tr", {}, ...e.map((e) => z("th", { scope: "col" }, e)))), z("tbody", {}, ...t));
}
// src/view/graph_summary_box.ts
function Ea(e) {
	let t = z("button", {
		type: "button",
		class: "gf-hidden-line",
		"data-testid": "hidden-summary",
		title: hn,
		hidden: !0
	});
	t.addEventListener("click", () => e.explainHidden(hn));
	let n = z("div", { class: "gf-summary-body" }), r = z("details", { class: "gf-summary-box" }, z("summary", {}, "Graph summary"), n);
	r.addEventListener("toggle", () => {
		let t = e.session();
		r.open && t && i(t);
	});
	async function i(t) {
		B(n, z("p", { class: "gf-muted" }, "Loading…"));
		try {
			let r = await e.track(t.stats());
			e.session() === t && B(n, va(wt(r)));
		} catch (e) {
			B(n, z("p", { class: "gf-search-error" }, Da(e)));
		}
	}
	return {
		hiddenLine: t,
		element: r,
		graphShown(i) {
			r.open = !1, B(n), t.hidden = !0, e.track(i.stats().then((n) => {
				if (e.session() !== i) return;
				let r = vn(n.hidden_nodes);
				t.textContent = r, t.hidden = !r;
			}, (t) => e.reportError(`Could not load the graph's stats: ${Da(t)}`)));
		}
	};
}
function Da(e) {
	return e instanceof Error ? e.message : String(e);
}
// src/view/minimap.ts
var Oa = 200, ka = 140;
function Aa(e) {
	let t = Math.min(192 / Math.max(1, e.width), 132 / Math.max(1, e.height));
	return {
		scale: t,
		x: (Oa - e.width * t) / 2 - e.x * t,
		y: (ka - e.height * t) / 2 - e.y * t
	};
}
function ja(e, t, n) {
	let r = pr(t, n.width, n.height), i = e.bounds;
	return i.x < r.x || i.y < r.y || i.x + i.width > r.x + r.width || i.y + i.height > r.y + r.height;
}
function Ma(e) {
	let t = z("canvas", {
		class: "gf-minimap",
		"data-testid": "minimap",
		width: Oa,
		height: ka,
		"aria-label": "Minimap",
		hidden: !0
	}), n = Math.max(1, Math.min(2, globalThis.devicePixelRatio || 1));
	t.width = Oa * n, t.height = ka * n;
	let r = /jsdom/i.test(globalThis.navigator?.userAgent ?? "") ? null : t.getContext("2d"), i = null, a = null;
	function o(n) {
		if (!a) return;
		let r = t.getBoundingClientRect(), i = Aa(a.bounds), o = (n.clientX - r.left) / r.width * Oa, s = (n.clientY - r.top) / r.height * ka;
		e((o - i.x) / i.scale, (s - i.y) / i.scale);
	}
	t.addEventListener("pointerdown", (e) => {
		t.setPointerCapture?.(e.pointerId), o(e);
	}), t.addEventListener("pointermove", (e) => {
		e.buttons & 1 && o(e);
	});
	function s(e, t) {
		let r = document.createElement("canvas");
		r.width = Oa * n, r.height = ka * n;
		let i = r.getContext("2d");
		if (!i) return r;
		let a = Aa(e.bounds);
		i.setTransform(n, 0, 0, n, 0, 0), i.fillStyle = t.background, i.fillRect(0, 0, Oa, ka), i.setTransform(n * a.scale, 0, 0, n * a.scale, n * a.x, n * a.y);
		let o = new Path2D(), s = new Path2D();
		for (let t of e.items) (t.open ? o : s).rect(t.x, t.y, t.width, t.height);
		return i.fillStyle = t.frameHeader, i.fill(o), i.fillStyle = t.moduleStroke, i.fill(s), r;
	}
	return {
		element: t,
		update(e, o, c, l) {
			a = e;
			let u = e !== null && ja(e, o, c);
			if (t.hidden = !u, !u || !r || !e) return;
			i && i.scene === e && i.palette === l || (i = {
				scene: e,
				palette: l,
				image: s(e, l)
			}), r.setTransform(1, 0, 0, 1, 0, 0), r.drawImage(i.image, 0, 0);
			let d = Aa(e.bounds), f = pr(o, c.width, c.height);
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
// src/overlay/item_values.ts
function Na(e) {
	return e.items.flatMap((e) => {
		let t = Pa(e);
		return t ? [t] : [];
	});
}
function Pa(e) {
	let t = e.json;
	if (!("type" in t)) return null;
	switch (t.type) {
		case "module": return {
			id: e.id,
			kind: "aggregate",
			paths: [Ia(t.path)]
		};
		case "stack": return {
			id: e.id,
			kind: "aggregate",
			paths: t.members.map(Ia)
		};
		case "op": return {
			id: e.id,
			kind: "layer",
			paths: [Ia(e.view.module.path)]
		};
		default: return null;
	}
}
function Fa(e, t) {
	let n = new Map(t.map((e) => [e.module, e])), r = [];
	for (let i of e) {
		let e = Ra(i.kind === "layer" ? i.paths.flatMap((e) => n.has(e) ? [n.get(e)] : []) : t.filter((e) => i.paths.some((t) => La(t, e.module))));
		e !== null && r.push({
			id: i.id,
			...e
		});
	}
	return r;
}
function Ia(e) {
	return e.replace(/@\d+(?=\.|$)/g, "");
}
function La(e, t) {
	return e === "" || t === e || t.startsWith(`${e}.`);
}
function Ra(e) {
	let t = 0, n = 0;
	for (let r of e) t += r.value * r.weight, n += r.weight;
	return n > 0 ? {
		value: t / n,
		layers: e.length,
		weight: n
	} : null;
}
// src/overlay/series.ts
function za(e, t, n, r) {
	let i = e.filter((e) => e.kind === t && e.run === n);
	return i.find((e) => e.graph_tag === r) ?? (i.length === 1 ? i[0] : null);
}
function Ba(e, t, n) {
	return za(e, "filter_stats", t, n);
}
function Va(e, t, n) {
	return za(e, "weight_graph", t, n);
}
function Ha(e, t, n) {
	return [...new Set(e.filter((e) => e.kind === t).map((e) => e.run))].flatMap((r) => {
		let i = za(e, t, r, n);
		return i ? [i] : [];
	});
}
function Ua(e) {
	return e.steps.filter((e) => e.error === null).map((e) => e.step).sort((e, t) => e - t);
}
function Wa(e, t = null) {
	let n = Ua(e);
	return t !== null && n.includes(t) ? t : n.length ? n[n.length - 1] : null;
}
// src/pruning_plan.ts
var Ga = "graphfold.pruning_plan";
function Ka(e, t) {
	let n = Q(e, t);
	if (!n) return `no layer "${t}" in the filter statistics of run "${e.run}", step ${e.step}`;
	let r = no(e, n);
	return n.group === -1 || !r ? `layer "${t}" cannot be pruned: it belongs to no prunable group` : r.prunable ? null : `layer "${t}" cannot be pruned${r.reason ? `: ${r.reason}` : ""}`;
}
function qa(e, t) {
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
function Ja(e, t) {
	let n = new Map(qa(e, t).map((e) => [e.group, e.removed]));
	return e.groups.map((e, t) => e.channel_count - (n.get(t) ?? 0));
}
function Ya(e, t) {
	let n = Ja(e, t), r = 0, i = 0;
	for (let t of e.cost_terms) {
		let [a, o] = Xa(t, e.groups, n);
		r += a, i += o;
	}
	return {
		parameters_before: e.parameter_count,
		parameters_after: Za(e.fixed_parameters + r),
		macs_before: e.macs,
		macs_after: Za(i)
	};
}
function Xa(e, t, n) {
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
function Za(e) {
	let t = Math.floor(e), n = e - t;
	return (n > .5 || n === .5 && t % 2 != 0 ? t + 1 : t) + 0;
}
function Qa(e, t) {
	let n = [];
	for (let [r, i] of t) {
		let t = Ka(e, r);
		if (t) {
			n.push(t);
			continue;
		}
		let a = Q(e, r), o = i.filter((e) => !Number.isInteger(e) || e < 0 || e >= a.filter_count);
		o.length && n.push(`layer "${r}" has ${a.filter_count} filters; no filter ${o.join(", ")}`);
	}
	for (let { modules: r, removed: i, channelCount: a } of qa(e, t)) a > 0 && i >= a && n.push(`the plan removes all ${a} channels of the coupled layers ${r.join(", ")}; keep at least one`);
	return n;
}
function $a(e, t, n, r) {
	let i = new Map(t), a = [...new Set(r)].sort((e, t) => e - t);
	a.length ? i.set(n, a) : i.delete(n);
	let o = Qa(e, i);
	return o.length ? { error: o.join("; ") } : { plan: i };
}
function eo(e, t) {
	let n = {}, r = [...t.keys()].sort((t, n) => ro(e, t) - ro(e, n) || (t < n ? -1 : +(t > n)));
	for (let i of r) n[i] = {
		filter_count: Q(e, i)?.filter_count ?? 0,
		remove: [...t.get(i)]
	};
	return {
		format: Ga,
		version: 1,
		source: {
			run: e.run,
			tag: e.tag,
			step: e.step,
			graph_tag: e.graph_tag
		},
		layers: n,
		preview: Ya(e, t)
	};
}
function to(e) {
	return `pruning_plan_${e.run.replace(/[^\w.-]+/g, "_").replace(/^[_.]+|_+$/g, "") || "run"}_${e.step}.json`;
}
function Q(e, t) {
	return e.layers.find((e) => e.module === t);
}
function no(e, t) {
	return t.group >= 0 ? e.groups[t.group] : void 0;
}
function ro(e, t) {
	let n = e.layers.findIndex((e) => e.module === t);
	return n < 0 ? 2 ** 53 - 1 : n;
}
// src/overlay/scalars.ts
var io = /acc/i;
function ao(e) {
	let t = /* @__PURE__ */ new Set();
	for (let n of e) for (let e of Object.keys(n.scalars)) t.add(e);
	return [...t].sort();
}
function oo(e, t = null) {
	return t !== null && e.includes(t) ? t : e.find((e) => io.test(e)) ?? e[0] ?? null;
}
function so(e, t) {
	for (let n = e.length - 1; n >= 0; n--) {
		let [r, i] = e[n];
		if (r === t) return {
			value: i,
			step: r,
			exact: !0
		};
	}
	let n = co(e);
	return n && {
		...n,
		exact: !1
	};
}
function co(e) {
	let t = e[e.length - 1];
	return t ? {
		value: t[1],
		step: t[0],
		exact: !0
	} : null;
}
function lo(e, t, n) {
	return n === null ? `${e}: the run's last value (step ${t.step})` : t.exact ? `${e} at step ${t.step}` : `${e}: the run's last value (step ${t.step}); none logged at step ${n}`;
}
// src/overlay/run_comparison.ts
function uo(e) {
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
function fo(e, t, n) {
	let r = e.findIndex((e) => e.run === t && e.step === n);
	if (r >= 0) return r;
	let i = e.map((e, n) => e.run === t ? n : -1).filter((e) => e >= 0);
	return i.length ? i.reduce((t, n) => e[n].step >= e[t].step ? n : t) : e.length ? 0 : -1;
}
function po(e, t) {
	return t > 0 ? (e - t) / t : null;
}
function mo(e, t, n, r) {
	let i = e[t];
	return e.map((e, a) => {
		let o = r === null ? void 0 : n.get(e.run)?.scalars[r];
		return {
			...e,
			parametersChange: i ? po(e.parameters, i.parameters) : null,
			macsChange: i ? po(e.macs, i.macs) : null,
			scalar: o ? so(o, e.step) : null,
			baseline: a === t
		};
	});
}
// src/view/compare_panel.ts
function ho(e) {
	let t = z("section", {
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
		return a = oo(ao(o.values()), a), mo(r, i, o, a);
	}
	function d() {
		if (t.hidden = !c || r.length === 0, t.hidden) return B(t);
		let e = u(), n = ao(o.values()), l = z("select", {
			"data-testid": "compare-baseline",
			"aria-label": "Baseline row"
		});
		B(l, ...r.map((e, t) => H(String(t), `${e.run} · step ${e.step}`))), l.value = String(i), l.addEventListener("change", () => {
			i = Number(l.value), d();
		});
		let m = z("select", {
			"data-testid": "compare-scalar",
			"aria-label": "Scalar"
		});
		B(m, ...n.map((e) => H(e, e))), m.value = a ?? "", m.addEventListener("change", () => {
			a = m.value, d();
		});
		let h = r.some((e) => !o.has(e.run) && !s.has(e.run)), g = r[i];
		B(t, z("h2", {}, "Compare runs"), z("div", { class: "gf-row" }, z("label", { class: "gf-inline" }, "Baseline", l), n.length ? z("label", { class: "gf-inline" }, "Scalar", m) : null), z("div", { class: "gf-summary-scroll" }, z("table", {
			class: "gf-preview gf-compare",
			"data-testid": "compare-table"
		}, z("thead", {}, z("tr", {}, ...[
			"run",
			"params",
			"MACs"
		].map((e) => z("th", { scope: "col" }, e)), z("th", {
			scope: "col",
			class: "gf-scalar-head",
			title: a ?? ""
		}, a ?? "scalar"))), z("tbody", {}, ...e.map((e) => z("tr", {
			"data-testid": "compare-row",
			"data-run": e.run,
			"data-step": e.step,
			class: e.baseline ? "gf-row-selected" : null
		}, z("th", {
			scope: "row",
			title: `${e.run}, step ${e.step} (filter stats tag ${e.tag})`
		}, z("span", { class: "gf-run-name" }, e.run), z("span", { class: "gf-change" }, `step ${e.step}`)), f("compare-parameters", e.parameters, e.baseline ? "baseline" : g ? yt(g.parameters, e.parameters) : ""), f("compare-macs", e.macs, e.baseline ? "" : g ? yt(g.macs, e.macs) : ""), p(e)))))), ...[...s].map(([e, t]) => z("p", { class: "gf-search-error" }, `Could not load the scalars of ${e}: ${t}`)), z("p", { class: "gf-note" }, "Parameters and MACs as logged with each step's filter statistics, with their change against the baseline row.", e.some((e) => e.scalar && !e.scalar.exact) ? ` * not logged at the row's step: the run's last ${a} instead.` : "", h ? " Loading the runs' scalars…" : ""));
	}
	function f(e, t, n) {
		return z("td", {
			class: "gf-num",
			"data-testid": e,
			title: W(t)
		}, mt(t), n ? z("span", { class: "gf-change" }, n) : null);
	}
	function p(e) {
		if (!e.scalar || a === null) return z("td", {
			class: "gf-num",
			"data-testid": "compare-scalar-value",
			title: s.has(e.run) ? "its scalars could not be loaded" : o.has(e.run) ? `the run logged no ${a ?? "scalars"}` : "loading"
		}, "—");
		let t = `${Number(e.scalar.value.toPrecision(4))}${e.scalar.exact ? "" : "*"}`;
		return z("td", {
			class: "gf-num",
			"data-testid": "compare-scalar-value",
			title: `${lo(a, e.scalar, e.step)}: ${e.scalar.value}`
		}, t);
	}
	return {
		element: t,
		show(e) {
			c = e !== null, e && e.listing !== n && (n = e.listing, r = uo(e.listing), o.clear(), s.clear(), i = fo(r, e.run, e.step)), c && l(), d();
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
var go = [
	"mean",
	"std",
	"median",
	"max"
], _o = {
	mean: "mean",
	std: "std",
	median: "median",
	max: "max"
}, vo = "weighted_degree";
function yo(e, t) {
	if (!e) return NaN;
	let n = t === "mean" ? e.mean : t === "std" ? e.std : e.quantiles[t === "median" ? 2 : 4];
	return typeof n == "number" ? n : NaN;
}
function bo(e) {
	return e.steps.filter(xo).sort((e, t) => e.step - t.step);
}
function xo(e) {
	return typeof e.error != "string" && Array.isArray(e.layers);
}
function So(e, t = null) {
	return t !== null && e.includes(t) ? t : e.includes("weighted_degree") ? vo : e[0] ?? null;
}
function Co(e, t, n) {
	return e.layers.flatMap((e) => {
		let r = yo(e.properties[t], n);
		return Number.isFinite(r) ? [{
			module: e.module,
			value: r,
			weight: e.node_count
		}] : [];
	});
}
function wo(e, t, n, r) {
	let i = /* @__PURE__ */ new Map();
	return e.forEach((a, o) => {
		for (let s of Fa(t, Co(a, n, r))) {
			let t = i.get(s.id);
			t || i.set(s.id, t = Array(e.length).fill(NaN)), t[o] = s.value;
		}
	}), i;
}
function To(e, t, n) {
	let r = Infinity, i = -Infinity;
	for (let a of e) for (let { value: e } of Co(a, t, n)) e < r && (r = e), e > i && (i = e);
	return r <= i ? [r, i] : null;
}
function Eo(e, t, n) {
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
function Do(e, t) {
	return e.some((e) => e.layers.some((e) => e.module === t));
}
// src/view/dynamics_colouring.ts
function Oo(e, t, n, r) {
	let { steps: i, index: a, property: o, stat: s } = t, c = i[a], l = /* @__PURE__ */ new Map();
	for (let t of Fa(Na(e), Co(c, o, s))) l.set(t.id, t);
	let u = To([...i], o, s), d = r.dark ? kr : Or, f = u ? Ar(u[0], u[1], "high", d) : null, p = /* @__PURE__ */ new Map();
	if (f) for (let [e, t] of l) p.set(e, f.color(t.value));
	let m = new Map([...n].map(([e, t]) => [e, {
		values: t,
		current: a
	}])), h = f ? {
		title: `${o} · ${_o[s]} over the layer's channels, step ${c.step}`,
		scale: f,
		ramp: d,
		markWeak: !1,
		notes: [
			`Range: every layer over all ${i.length} logged steps.`,
			"Modules and stacks: layer values weighted by node count.",
			"Sparklines: the value across the steps, each on its own scale; the dot is the step shown."
		],
		neutral: r.boundaryFill
	} : null;
	return {
		values: l,
		scale: f,
		paint: {
			fills: p,
			neutralFill: r.boundaryFill,
			stroke: r.opStroke,
			sparklines: m
		},
		legend: h
	};
}
function ko(e, t) {
	let n = `${q(e.value)} ${_o[t.stat]} ${t.property} at step ${t.steps[t.index].step}`;
	return e.layers > 1 ? `${n}, over ${e.layers} layers (${e.weight} nodes)` : `${n} (${e.weight} nodes)`;
}
// src/view/dynamics_layer_panel.ts
var Ao = 300, jo = 120, Mo = 38, No = 6;
function Po() {
	let e = z("section", {
		class: "gf-layer",
		"data-testid": "dynamics-layer",
		"aria-label": "Layer dynamics",
		hidden: !0
	});
	return {
		element: e,
		show(t) {
			if (e.hidden = t === null, !t) return B(e);
			let n = t.history.find((e) => e.step === t.step);
			B(e, z("p", { class: "gf-kind" }, `Layer · ${t.layerType}`), z("h2", { class: "gf-path" }, t.module), z("dl", { class: "gf-facts" }, z("dt", {}, "Channels (nodes)"), z("dd", {}, W(t.nodeCount)), z("dt", {}, "Property"), z("dd", {}, t.property)), z("h3", {}, `${t.property} across steps`), Fo(t.history, t.step), z("p", { class: "gf-note" }, "Line: mean, dashed: mean ± std; bands: quartiles (dark) and min to max (light); the vertical line is the step shown."), z("h3", {}, `Largest channels at step ${t.step}`), n && n.top.length ? z("table", {
				class: "gf-preview",
				"data-testid": "dynamics-top"
			}, z("thead", {}, z("tr", {}, z("th", { scope: "col" }, "channel"), z("th", { scope: "col" }, t.property))), z("tbody", {}, ...n.top.map(([e, t]) => z("tr", { "data-testid": "dynamics-top-channel" }, z("td", { class: "gf-num" }, String(e)), z("td", {
				class: "gf-num",
				title: String(t)
			}, q(t)))))) : z("p", { class: "gf-muted" }, "This step has no channel values for the layer."), n ? z("p", { class: "gf-note" }, `At step ${t.step}: mean ${q(n.mean)}, std ${q(n.std)}, median ${q(n.quantiles[2] ?? NaN)}, max ${q(n.quantiles[4] ?? NaN)}.`) : null);
		}
	};
}
function Fo(e, t) {
	let n = U("svg", {
		class: "gf-chart",
		"data-testid": "dynamics-layer-chart",
		viewBox: `0 0 ${Ao} ${jo}`,
		"aria-label": "The layer's property across steps"
	});
	if (!e.length) return n;
	let [r, i] = Nr(e.flatMap((e) => [
		...e.quantiles,
		e.mean - e.std,
		e.mean + e.std
	])) ?? [0, 1], a = e[0].step, o = e[e.length - 1].step, s = (e) => Mo + (o > a ? (e - a) / (o - a) * 256 : 128), c = (e) => No + (i > r ? 1 - (e - r) / (i - r) : .5) * 98, l = (t) => e.map((e) => `${$(s(e.step))},${$(c(t(e)))}`).join(" "), u = (t, n) => [...e.map((e) => `${$(s(e.step))},${$(c(n(e)))}`), ...[...e].reverse().map((e) => `${$(s(e.step))},${$(c(t(e)))}`)].join(" "), d = (e) => (t) => t.quantiles[e] ?? t.mean;
	n.append(U("polygon", {
		class: "gf-band gf-band-outer",
		points: u(d(0), d(4))
	}), U("polygon", {
		class: "gf-band",
		points: u(d(1), d(3))
	}), U("polyline", {
		class: "gf-std",
		points: l((e) => e.mean - e.std)
	}), U("polyline", {
		class: "gf-std",
		points: l((e) => e.mean + e.std)
	}), U("polyline", {
		class: "gf-mean-line",
		points: l((e) => e.mean)
	}), U("line", {
		class: "gf-current",
		x1: $(s(t)),
		x2: $(s(t)),
		y1: No,
		y2: 104
	}), U("text", {
		class: "gf-matrix-label",
		x: 35,
		y: 14,
		"text-anchor": "end"
	}, q(i)), U("text", {
		class: "gf-matrix-label",
		x: 35,
		y: 104,
		"text-anchor": "end"
	}, q(r)), U("text", {
		class: "gf-matrix-label",
		x: Mo,
		y: 117,
		"text-anchor": "start"
	}, `step ${a}`), U("text", {
		class: "gf-matrix-label",
		x: 294,
		y: 117,
		"text-anchor": "end"
	}, `step ${o}`));
	for (let r of e) n.append(U("circle", {
		class: r.step === t ? "gf-mean-dot gf-picked" : "gf-mean-dot",
		cx: $(s(r.step)),
		cy: $(c(r.mean)),
		r: 2
	}, U("title", {}, `step ${r.step}: mean ${q(r.mean)} ± ${q(r.std)}`)));
	return n;
}
function $(e) {
	return Math.round(e * 10) / 10;
}
// src/view/dynamics_series_store.ts
function Io(e) {
	let t = /* @__PURE__ */ new Map(), n = /* @__PURE__ */ new Map(), r = (e) => JSON.stringify([e.run, e.tag]);
	async function i(n) {
		let i = t.get(r(n));
		if (i) return i;
		let a = await e.track(e.api.weightGraph({
			run: n.run,
			tag: n.tag
		}));
		return t.set(r(n), a), a;
	}
	return {
		get: (e) => t.get(r(e)) ?? null,
		load: i,
		async loadAll(t) {
			let r = [];
			return await Promise.all(t.map(async (t) => {
				try {
					await i(t);
				} catch (e) {
					r.push(`${t.run}: ${Lo(e)}`);
				}
				if (!n.has(t.run)) try {
					n.set(t.run, await e.track(e.scalars(t.run)));
				} catch (e) {
					r.push(`scalars of ${t.run}: ${Lo(e)}`);
				}
			})), r;
		},
		scalars: n,
		clear() {
			t.clear(), n.clear();
		}
	};
}
function Lo(e) {
	return e instanceof Error ? e.message : String(e);
}
function Ro(e) {
	return Math.max(0, ...e.map((e) => bo(e.series).length));
}
function zo(e, t) {
	return t < 1 ? 0 : Math.min(t, Math.max(1, Math.round(Number.isFinite(e) ? e : 5)));
}
function Bo(e, t, n, r) {
	let i = {
		k: t,
		steps: {},
		runs: {},
		scalar: n,
		final: {}
	};
	for (let { run: n, series: a } of e) {
		let e = bo(a).slice(0, t), o = {};
		e.forEach((t, n) => {
			for (let r of t.layers) {
				let t = o[r.module] ??= {};
				for (let [i, a] of Object.entries(r.properties)) {
					let r = t[i] ??= Vo(e.length);
					for (let e of go) {
						let t = yo(a, e);
						r[e][n] = Number.isFinite(t) ? t : null;
					}
				}
			}
		}), i.steps[n] = e.map((e) => e.step), i.runs[n] = o, i.final[n] = r.get(n) ?? null;
	}
	return i;
}
function Vo(e) {
	return Object.fromEntries(go.map((t) => [t, Array(e).fill(null)]));
}
function Ho(e) {
	let t = /* @__PURE__ */ new Set();
	for (let n of Object.values(e.runs)) for (let e of Object.keys(n)) t.add(e);
	return [...t];
}
function Uo(e) {
	let t = /* @__PURE__ */ new Set();
	for (let n of Object.values(e.runs)) for (let e of Object.values(n)) for (let n of Object.keys(e)) t.add(n);
	return [...t];
}
function Wo(e, t, n, r) {
	return new Map(Object.entries(e.runs).map(([e, i]) => [e, i[t]?.[n]?.[r] ?? []]));
}
function Go(e) {
	for (let t = e.length - 1; t >= 0; t--) if (e[t] !== null && e[t] !== void 0) return e[t];
	return null;
}
var Ko = "run,module,property,statistic,step,value";
function qo(e) {
	let t = [Ko];
	for (let [n, r] of Object.entries(e.runs)) {
		let i = e.steps[n] ?? [];
		for (let [e, a] of Object.entries(r)) for (let [r, o] of Object.entries(a)) for (let a of go) o[a].forEach((o, s) => {
			t.push([
				Jo(n),
				Jo(e),
				Jo(r),
				a,
				String(i[s] ?? s),
				o === null ? "" : String(o)
			].join(","));
		});
	}
	return `${t.join("\n")}\n`;
}
function Jo(e) {
	let t = /^[=+\-@\t\r]/.test(e) ? `'${e}` : e;
	return /[",\n\r]|^\s|\s$/.test(t) ? `"${t.replace(/"/g, "\"\"")}"` : t;
}
// src/view/dynamics_summary_panel.ts
function Yo() {
	let e = z("details", {
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
		r = oo(ao(t.runs.flatMap((e) => t.scalars.get(e.run) ?? [])), r);
		let e = new Map(t.runs.map((e) => [e.run, r === null ? null : co(t.scalars.get(e.run)?.scalars[r] ?? [])?.value ?? null]));
		a = Bo(t.runs, zo(n, Ro(t.runs)), r, e);
	}
	function s() {
		if (e.hidden = t === null, !t) return B(e);
		let { runs: i } = t, o = Ro(i), s = z("input", {
			type: "number",
			min: 1,
			max: Math.max(1, o),
			step: 1,
			value: a?.k ?? zo(n, o),
			"data-testid": "summary-k",
			"aria-label": "First k steps",
			class: "gf-number"
		});
		s.addEventListener("change", () => {
			n = zo(Number(s.value), Ro(t?.runs ?? [])), u();
		});
		let l = ao(i.flatMap((e) => t.scalars.get(e.run) ?? [])), d = z("select", {
			"data-testid": "summary-scalar",
			"aria-label": "Final scalar"
		});
		B(d, ...l.map((e) => H(e, e))), d.value = r ?? "", d.addEventListener("change", () => {
			r = d.value, u();
		});
		let f = Zo("summary-export-json", "JSON", () => {
			a && zi(new Blob([`${JSON.stringify(a, null, 2)}\n`], { type: "application/json" }), `training_summary_k${a.k}.json`);
		}), p = Zo("summary-export-csv", "CSV", () => {
			a && zi(new Blob([qo(a)], { type: "text/csv" }), `training_summary_k${a.k}.csv`);
		});
		f.disabled = p.disabled = a === null, B(e, z("summary", {}, z("h2", {}, "Early training: runs side by side")), z("div", { class: "gf-row" }, z("label", { class: "gf-inline" }, "First", s, `of ${o} steps`), l.length ? z("label", { class: "gf-inline" }, "Final", d) : null, z("span", { class: "gf-inline" }, "Download", f, p)), t.error ? z("p", {
			class: "gf-search-error",
			role: "status"
		}, t.error) : null, a ? c(a) : z("p", { class: "gf-muted" }, i.length ? "No readable steps." : "Loading the runs' weight-graph properties…"), z("p", { class: "gf-note" }, `A layer's row shows ${t.property} · ${_o[t.stat]}; open it for every property and statistic. A cell draws the value at each of the run's first k logged steps and names the k-th; shading compares runs within the row.`));
	}
	function c(e) {
		let n = Object.keys(e.runs), r = Uo(e), a = z("tr", {}, z("th", { scope: "col" }, "Layer"), ...n.map((t) => z("th", {
			scope: "col",
			"data-testid": "summary-run",
			"data-run": t,
			title: `steps ${(e.steps[t] ?? []).join(", ")}`
		}, t))), o = z("tbody", {});
		for (let n of Ho(e)) {
			let a = i.has(n) || n === t.selected, c = z("button", {
				type: "button",
				class: "gf-link",
				"data-testid": "summary-toggle",
				"aria-expanded": a ? "true" : "false"
			}, `${a ? "▾" : "▸"} ${n}`);
			if (c.addEventListener("click", () => {
				i.has(n) ? i.delete(n) : i.add(n), s();
			}), o.append(z("tr", {
				"data-testid": "summary-layer",
				"data-module": n,
				class: n === t.selected ? "gf-row-selected" : null
			}, z("th", { scope: "row" }, c), ...l(e, n, t.property, t.stat))), a) for (let t of r) for (let r of go) o.append(z("tr", {
				"data-testid": "summary-feature",
				"data-module": n,
				"data-property": t,
				"data-statistic": r,
				class: "gf-feature-row"
			}, z("th", { scope: "row" }, `${t} · ${_o[r]}`), ...l(e, n, t, r)));
		}
		return o.append(z("tr", { "data-testid": "summary-final" }, z("th", { scope: "row" }, e.scalar === null ? "final scalar" : `final ${e.scalar}`), ...n.map((t) => z("td", {
			class: "gf-num",
			"data-testid": "summary-cell",
			"data-run": t
		}, e.final[t] === null || e.final[t] === void 0 ? "—" : q(e.final[t]))))), z("div", { class: "gf-summary-scroll" }, z("table", {
			class: "gf-summary-table",
			"data-testid": "summary-table"
		}, z("thead", {}, a), o));
	}
	function l(e, t, n, r) {
		let i = Wo(e, t, n, r), a = Nr([...i.values()].map((e) => Go(e) ?? NaN));
		return [...i].map(([i, o]) => {
			let s = Go(o), c = e.steps[i] ?? [], l = z("td", {
				class: "gf-num gf-heat",
				"data-testid": "summary-cell",
				"data-run": i,
				title: `${i} · ${t} · ${n} ${_o[r]}: ${o.map((e, t) => `step ${c[t]}: ${e === null ? "—" : q(e)}`).join(", ")}`
			}, o.length > 1 ? Xo(o) : null, s === null ? "—" : q(s));
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
function Xo(e) {
	return U("svg", {
		class: "gf-cell-spark",
		viewBox: "0 0 40 12",
		"aria-hidden": "true"
	}, U("polyline", {
		class: "gf-spark",
		points: Xr(e.map((e) => e ?? NaN), {
			x: 0,
			y: 1,
			width: 40,
			height: 10
		}).filter((e) => Number.isFinite(e.y)).map((e) => `${e.x.toFixed(1)},${e.y.toFixed(1)}`).join(" ")
	}));
}
function Zo(e, t, n) {
	let r = z("button", {
		type: "button",
		class: "gf-button",
		"data-testid": e
	}, t);
	return r.addEventListener("click", n), r;
}
// src/view/overlay_bar.ts
var Qo = {
	none: "None",
	pruning: "Pruning metrics",
	dynamics: "Training dynamics"
};
function $o(e, t = null) {
	let n = z("select", {
		"data-testid": "overlay-mode",
		"aria-label": "Overlay"
	}), r = z("select", {
		"data-testid": "overlay-step",
		"aria-label": "Statistics step"
	}), i = z("select", {
		"data-testid": "overlay-metric",
		"aria-label": "Colour layers by"
	}), a = z("select", {
		"data-testid": "overlay-weak-by",
		"aria-label": "Weak by"
	}), o = z("span", {
		class: "gf-overlay-status",
		"data-testid": "overlay-status",
		role: "status"
	}), s = z("label", {}, "Step", r), c = z("label", {}, "Colour by", i), l = z("label", {}, "weak by", a), u = z("div", {
		class: "gf-overlay-bar",
		"data-testid": "overlay-bar",
		hidden: !0
	}, z("label", {}, "Overlay", n), s, c, l, t, o);
	n.addEventListener("change", () => e.mode(n.value)), r.addEventListener("change", () => e.step(Number(r.value))), i.addEventListener("change", () => e.metric(i.value)), a.addEventListener("change", () => e.weakBy(a.value));
	function d(e) {
		if (u.hidden = e === null, !e) return;
		let t = e.mode === "pruning";
		es(n, e.modes.map((e) => ({
			value: e,
			label: Qo[e]
		})), e.mode), es(r, e.steps.map((e) => ({
			value: String(e),
			label: `step ${e}`
		})), String(e.step ?? "")), s.hidden = !t || e.steps.length < 2, es(i, e.metrics, e.metric), c.hidden = !t || !e.metrics.length, es(a, e.weakBy, e.weakByValue), l.hidden = !t || !e.weakBy.length, o.textContent = e.status, o.hidden = !e.status, o.classList.toggle("gf-search-error", e.error);
	}
	return {
		element: u,
		show: d
	};
}
function es(e, t, n) {
	e.options.length === t.length && t.every((t, n) => e.options[n]?.value === t.value && e.options[n]?.textContent === t.label) || B(e, ...t.map((e) => H(e.value, e.label))), e.value = n;
}
function ts() {
	let e = z("div", {
		class: "gf-legend",
		"data-testid": "overlay-legend",
		hidden: !0,
		"aria-label": "Overlay legend"
	}), t = null;
	return {
		element: e,
		current: () => t,
		show(n) {
			if (t = n, e.hidden = n === null, !n) return B(e);
			let { scale: r, ramp: i } = n, a = n.format ?? q, o = Mr(r, i), s = z("div", {
				class: "gf-legend-bar",
				"data-testid": "overlay-legend-scale"
			});
			s.style.background = `linear-gradient(to right, ${o.map((e) => `${e.color} ${Math.round(e.offset * 100)}%`).join(", ")})`;
			let c = n.markWeak ?? !0, l = c && r.weak === "low", u = c && r.weak === "high";
			B(e, z("div", { class: "gf-legend-title" }, n.title), s, z("div", { class: "gf-legend-range" }, z("span", { "data-testid": "overlay-legend-min" }, `${a(r.min)}${l ? " (weak)" : ""}`), z("span", { "data-testid": "overlay-legend-max" }, `${a(r.max)}${u ? " (weak)" : ""}`)), ...n.notes.map((e) => z("div", { class: "gf-note" }, e)), z("div", { class: "gf-legend-neutral" }, ns(n.neutral), "no statistics"));
		}
	};
}
function ns(e) {
	let t = z("span", { class: "gf-swatch" });
	return t.style.background = e, t;
}
function rs(e) {
	let t = z("select", {
		"data-testid": "dynamics-property",
		"aria-label": "Property"
	}), n = z("select", {
		"data-testid": "dynamics-stat",
		"aria-label": "Statistic"
	});
	es(n, go.map((e) => ({
		value: e,
		label: _o[e]
	})), "mean");
	let r = z("input", {
		type: "range",
		min: 0,
		max: 0,
		step: 1,
		value: 0,
		"data-testid": "dynamics-step",
		"aria-label": "Step",
		class: "gf-slider"
	}), i = z("span", {
		class: "gf-step-label",
		"data-testid": "dynamics-step-label"
	}), a = z("span", {
		class: "gf-dynamics-controls",
		hidden: !0
	}, z("label", {}, "Property", t), z("label", {}, "Statistic", n), z("label", {}, "Step", r, i));
	t.addEventListener("change", () => e.property(t.value)), n.addEventListener("change", () => e.stat(n.value)), r.addEventListener("input", () => e.step(Number(r.value)));
	let o = [];
	return {
		element: a,
		show(e) {
			a.hidden = e === null, e && (es(t, e.properties.map((e) => ({
				value: e,
				label: e
			})), e.property), n.value = e.stat, e.steps.join() !== o.join() && (o = e.steps, r.max = String(Math.max(0, o.length - 1))), r.value = String(e.index), r.disabled = o.length < 2, i.textContent = o.length ? `step ${o[e.index]} (${e.index + 1} of ${o.length})` : "no readable step");
		}
	};
}
// src/view/dynamics_controller.ts
function is(e) {
	let t = 0, n = !1, r = "", i = [], a = null, o = Io(e), s = [], c = null, l = "", u = null, d = "mean", f = 0, p = null, m = oa, h = null, g = /* @__PURE__ */ new Map(), _ = /* @__PURE__ */ new Map(), v = null, y = "", b = rs({
		property: (e) => {
			u = e, k(), j();
		},
		stat: (e) => {
			d = e, k(), j();
		},
		step: (e) => {
			f = e, c = s[f]?.step ?? null, N(), M(), P();
		}
	}), x = Po(), S = Yo(), C = (e) => JSON.stringify([e.run, e.tag]), w = () => a ? o.get(a) : null, T = () => ({
		steps: s,
		index: f,
		property: u,
		stat: d
	});
	async function E() {
		let r = t;
		if (!n || !a) return j();
		if (!w()) {
			e.status(`Loading weight-graph properties of ${a.run}…`, !1);
			try {
				await o.load(a);
			} catch (n) {
				return r === t ? (e.status(`Could not load the weight-graph properties: ${Lo(n)}`, !0), j()) : void 0;
			}
			if (r !== t) return;
			e.status("", !1);
		}
		D(w()), j(), await O(r);
	}
	function D(e) {
		s = bo(e), u = So(e.properties, u);
		let t = s.findIndex((e) => e.step === c);
		f = t >= 0 ? t : Math.max(0, s.length - 1), k();
	}
	async function O(e) {
		let n = await o.loadAll(Ha(i, "weight_graph", r));
		e === t && (y = n.length ? `Could not load ${n.join("; ")}` : "", ee());
	}
	function k() {
		_ = p && u ? wo(s, Na(p), u, d) : /* @__PURE__ */ new Map();
	}
	function A() {
		return n && u !== null && s.length > 0;
	}
	function j() {
		N(), M(), P(), ee();
	}
	function M() {
		b.show(n && a ? {
			properties: w()?.properties ?? [],
			property: u ?? "",
			stat: d,
			steps: s.map((e) => e.step),
			index: f
		} : null);
	}
	function N() {
		if (g = /* @__PURE__ */ new Map(), v = null, !A() || !p) {
			n && e.paint(null), n && e.legend(null);
			return;
		}
		let t = Oo(p, T(), _, m);
		g = t.values, v = t.scale, e.paint(t.paint), e.legend(t.legend);
	}
	function P() {
		if (!A() || h === null || !Do(s, h)) return x.show(null);
		let e = s.flatMap((e) => e.layers).find((e) => e.module === h);
		x.show({
			module: h,
			layerType: e.layer_type,
			nodeCount: e.node_count,
			property: u,
			history: Eo(s, h, u),
			step: s[f].step
		});
	}
	function ee() {
		if (!n || !a) return S.show(null);
		let e = Ha(i, "weight_graph", r).flatMap((e) => {
			let t = o.get(e);
			return t ? [{
				run: e.run,
				series: t
			}] : [];
		});
		S.show({
			runs: e,
			scalars: o.scalars,
			property: u ?? "",
			stat: d,
			selected: h,
			error: y
		});
	}
	return {
		controls: b.element,
		layerPanel: x.element,
		summaryPanel: S.element,
		use(e, n) {
			return t++, i = e, r = n.tag, a = Va(e, n.run, n.tag), o.clear(), y = "", s = [], f = 0, p = null, h = null, a && C(a) !== l && (c = null), a && (l = C(a)), a !== null;
		},
		setActive(e) {
			return n = e, e ? E() : (b.show(null), x.show(null), S.show(null), Promise.resolve());
		},
		sceneShown(e) {
			p = e, k(), n && N();
		},
		selected(e) {
			e !== h && (h = e, n && (P(), S.highlight(e)));
		},
		setPalette(e) {
			m = e, n && N();
		},
		clear() {
			t++, a = null, i = [], o.clear(), s = [], p = null, h = null;
		},
		describe(e) {
			let t = g.get(e);
			return t && v ? ko(t, T()) : null;
		},
		debug() {
			let t = A() && h !== null ? Eo(s, h, u) : [], n = t.find((e) => e.step === s[f]?.step);
			return {
				property: u,
				stat: d,
				step: A() ? s[f].step : null,
				series: a && w() ? {
					run: a.run,
					tag: a.tag
				} : null,
				range: v ? [v.min, v.max] : null,
				colored: [...g.values()].map((e) => ({
					id: e.id,
					value: e.value
				})),
				sparklines: A() ? e.drawnSparklines() : 0,
				layer: t.length ? {
					module: h,
					property: u,
					history: t,
					top: n?.top ?? []
				} : null
			};
		},
		summary: () => S.summary()
	};
}
// src/overlay/class_pairs.ts
function as(e, t) {
	let n = [];
	for (let r of t) e[r] === void 0 && !n.includes(r) && n.push(r);
	return n;
}
function os(e, t, n) {
	let r = ds(e, t), i = ds(e, n);
	return Array.from(r, (e, t) => e - (i[t] ?? NaN));
}
function ss(e, t, n) {
	let r = ds(e, t), i = ds(e, n), a = 0, o = 0;
	for (let e = 0; e < r.length; e++) {
		let t = r[e] - (i[e] ?? NaN);
		Number.isFinite(t) && (a += Math.abs(t), o++);
	}
	return o ? a / o : 0;
}
function cs(e, t = e.map((e, t) => t)) {
	let n = t.map(() => t.map(() => 0));
	for (let r = 0; r < t.length; r++) for (let i = r + 1; i < t.length; i++) n[r][i] = n[i][r] = ss(e, t[r], t[i]);
	return n;
}
function ls(e, t = e.map((e, t) => t)) {
	let n = 0, r = t.map((t) => ds(e, t));
	for (let e = 0; e < (r[0]?.length ?? 0); e++) {
		let t = Infinity, i = -Infinity;
		for (let n of r) {
			let r = n[e];
			r !== void 0 && Number.isFinite(r) && (r < t && (t = r), r > i && (i = r));
		}
		i - t > n && (n = i - t);
	}
	return n;
}
function us(e, t) {
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
function ds(e, t) {
	let n = e[t];
	if (!n) throw RangeError(t >= 0 && t < e.length ? `class ${t}'s class means are not loaded` : `class ${t} is out of range: the layer has ${e.length} classes`);
	return n;
}
function fs(e, t) {
	let n = [];
	for (let [r, i] of [...e.best, ...e.worst]) for (let e of [r, i]) e !== void 0 && !n.includes(e) && n.length < t && n.push(e);
	return n;
}
function ps(e, t, n) {
	let r = t.trim().toLowerCase(), i = [];
	for (let t = 0; t < e.length && i.length < n; t++) (!r || e[t].toLowerCase().includes(r)) && i.push(t);
	return i;
}
function ms(e, t) {
	let n = e.indexOf(t);
	if (n >= 0) return n;
	let r = t.trim().toLowerCase(), i = null;
	for (let t = 0; t < e.length; t++) if (e[t].trim().toLowerCase() === r) {
		if (i !== null) return null;
		i = t;
	}
	return i;
}
// src/overlay/filter_selection.ts
function hs(e, t, n, r) {
	if (!n.length || r <= 0) return [];
	let i = Math.max(0, Math.min(e, t)), a = Math.min(r, Math.max(e, t));
	if (a < i) return [];
	let o = r / n.length, s = Math.min(n.length - 1, Math.floor(i / o)), c = Math.min(n.length - 1, Math.max(s, Math.ceil(a / o) - 1));
	return vs(n.slice(s, c + 1));
}
function gs(e, t) {
	let n = e.filter((e) => e.length > 0);
	if (!n.length) return [];
	if (t === "union") return vs(n.flat());
	let [r, ...i] = n, a = i.map((e) => new Set(e));
	return vs(r.filter((e) => a.every((t) => t.has(e))));
}
function _s(e, t) {
	return e.includes(t) ? e.filter((e) => e !== t) : vs([...e, t]);
}
function vs(e) {
	return [...new Set(e)].sort((e, t) => e - t);
}
// src/view/class_picker.ts
var ys = "gf-class-names", bs = /* @__PURE__ */ new WeakMap();
function xs(e) {
	let t = bs.get(e);
	return t || (t = z("datalist", { id: ys }), B(t, ...e.map((e) => H(e, e))), bs.set(e, t)), t;
}
function Ss(e, t, n, r, i) {
	let a = z("input", {
		type: "text",
		class: "gf-class-chooser",
		list: ys,
		"data-testid": e,
		"aria-label": t,
		placeholder: `one of ${n.length} classes`,
		value: r === null ? "" : n[r] ?? String(r),
		autocomplete: "off"
	}), o = () => {
		let e = ms(n, a.value);
		a.setAttribute("aria-invalid", e === null ? "true" : "false"), a.title = e === null ? `No class is named "${a.value}"` : "", e !== null && e !== r && i(e);
	};
	return a.addEventListener("change", o), a.addEventListener("input", (e) => {
		e instanceof InputEvent && e.inputType !== "insertReplacementText" || o();
	}), a;
}
function Cs(e, t) {
	let n = (t) => e.names[t] ?? String(t), r = e.picked.map((r) => {
		let i = z("button", {
			type: "button",
			class: "gf-chip-remove",
			"data-testid": "class-unpick",
			"data-class": r,
			title: `Remove ${n(r)}`
		}, "✕");
		return i.addEventListener("click", () => t.pick(e.picked.filter((e) => e !== r))), z("li", {
			class: "gf-chip",
			"data-testid": "class-picked",
			"data-class": r
		}, n(r), " ", i);
	}), i = z("input", {
		type: "search",
		class: "gf-search",
		"data-testid": "class-search",
		placeholder: `Search ${e.names.length} classes`,
		"aria-label": "Search classes",
		value: e.query
	}), a = z("ul", {
		class: "gf-class-matches",
		"data-testid": "class-matches"
	}), o = e.picked.length >= e.limit;
	function s(r) {
		let i = r.trim() ? ps(e.names, r, 40) : [];
		B(a, ...i.map((r) => {
			let i = z("button", {
				type: "button",
				class: "gf-button",
				"data-testid": "class-match",
				"data-class": r,
				disabled: o || e.picked.includes(r)
			}, n(r));
			return i.addEventListener("click", () => t.pick([...e.picked, r])), z("li", {}, i);
		}));
	}
	i.addEventListener("input", () => {
		t.search(i.value), s(i.value);
	}), s(e.query);
	let c = z("button", {
		type: "button",
		class: "gf-button",
		"data-testid": "class-reset"
	}, "Best and worst pairs");
	return c.addEventListener("click", () => t.reset()), z("div", {
		class: "gf-class-picker",
		"data-testid": "class-picker"
	}, z("ul", { class: "gf-chips" }, ...r), z("div", { class: "gf-row" }, i, c), o ? z("p", { class: "gf-note" }, `At most ${e.limit} classes; remove one to add another.`) : null, a);
}
var ws = 64, Ts = 28, Es = 98, Ds = 72, Os = 2;
function ks(e, t, n, r) {
	let i = 300 / Math.max(1, t), a = Math.max(.5, Math.abs(r));
	return {
		x: e * i,
		y: r < 0 ? n : n - a,
		width: Math.max(.5, i - +(i > 3)),
		height: a
	};
}
function As(e) {
	let t = [];
	for (let n of e) t.push(`M${zs(n.x)} ${zs(n.y)}h${zs(n.width)}v${zs(n.height)}h${zs(-n.width)}z`);
	return t.join("");
}
function js(e, t) {
	return t <= 0 || !(e >= 0 && e < 300) ? null : Math.min(t - 1, Math.floor(e / (300 / t)));
}
function Ms(e) {
	let t = e.order.length, n = 300 / Math.max(1, t), r = Es, [i, a] = Nr(e.metric) ?? [0, 1], o = [], s = [], c = [], l = [], u = [];
	return e.order.forEach((d, f) => {
		let p = e.selected.has(d), m = e.activation[d] ?? NaN;
		if (Number.isFinite(m)) {
			let e = Math.min(1, Math.max(0, m));
			(p ? s : o).push(ks(f, t, ws, ws * e));
		}
		let h = e.metric[d] ?? NaN;
		if (Number.isFinite(h)) {
			let e = a > i ? (h - i) / (a - i) : .5;
			(p ? l : c).push(ks(f, t, r, Ts * e));
		}
		if (e.brushed.has(d)) {
			let e = u[u.length - 1];
			e && Math.abs(e.x + e.width - f * n) < 1e-9 ? e.width += n : u.push({
				x: f * n,
				y: 0,
				width: n,
				height: r
			});
		}
	}), {
		bars: As(o),
		selectedBars: As(s),
		metricBars: As(c),
		selectedMetricBars: As(l),
		bands: As(u)
	};
}
function Ns(e, t) {
	let n = t === null ? void 0 : e.order[t];
	return n === void 0 ? null : `filter ${n}: a = ${q(e.activation[n] ?? NaN)}, ${e.metricLabel} ${q(e.metric[n] ?? NaN)}`;
}
function Ps(e, t) {
	let n = Es, r = U("svg", {
		class: "gf-chart",
		"data-testid": "filter-activation",
		viewBox: `0 0 300 ${n}`,
		"aria-label": "Filter activations, one class"
	}), i = Ms(e), a = (e, t) => U("path", {
		class: e,
		d: t,
		"pointer-events": "none"
	}), o = U("rect", {
		class: "gf-brush-rect",
		x: 0,
		y: 0,
		width: 0,
		height: n,
		hidden: !0
	}), s = U("rect", {
		class: "gf-brush",
		"data-testid": "filter-brush",
		x: 0,
		y: 0,
		width: 300,
		height: n
	});
	r.append(a("gf-band", i.bands), a("gf-bar", i.bars), a("gf-bar gf-selected", i.selectedBars), U("g", { class: "gf-metric-bars" }, a("gf-bar", i.metricBars), a("gf-bar gf-selected", i.selectedMetricBars)), U("line", {
		class: "gf-zero",
		x1: 0,
		x2: 300,
		y1: 64.5,
		y2: 64.5
	}), o, s);
	let c = Ls(r);
	Rs(s, c, (t) => Ns(e, js(t, e.order.length)));
	let l = null;
	return s.addEventListener("pointerdown", (e) => {
		e.button === 0 && (e.preventDefault(), l = c(e.clientX), s.setPointerCapture?.(e.pointerId));
	}), s.addEventListener("pointermove", (e) => {
		if (l === null) return;
		let t = c(e.clientX);
		o.removeAttribute("hidden"), o.setAttribute("x", String(Math.min(l, t))), o.setAttribute("width", String(Math.abs(t - l)));
	}), s.addEventListener("pointerup", (n) => {
		if (l === null) return;
		let r = c(n.clientX), i = l;
		if (l = null, o.setAttribute("hidden", ""), Math.abs(r - i) < Os) {
			let [n] = hs(r, r, e.order, 300);
			n !== void 0 && t.toggle(n);
		} else t.brush(hs(i, r, e.order, 300));
	}), s.addEventListener("pointercancel", () => {
		l = null, o.setAttribute("hidden", "");
	}), r;
}
function Fs(e, t) {
	let n = t.length, r = 1e-12;
	for (let t of e) Number.isFinite(t) && (r = Math.max(r, Math.abs(t)));
	let i = Ds / 2, a = [], o = [];
	return t.forEach((t, s) => {
		let c = e[t] ?? NaN;
		if (!Number.isFinite(c)) return;
		let l = Math.abs(c) / r * 34;
		(c >= 0 ? a : o).push(ks(s, n, i, c >= 0 ? l : -l));
	}), {
		positive: As(a),
		negative: As(o)
	};
}
function Is(e, t) {
	let n = Ds / 2, r = U("svg", {
		class: "gf-chart",
		"data-testid": "cpd-chart",
		viewBox: `0 0 300 ${Ds}`,
		"aria-label": "Class pairwise difference per filter"
	}), i = Fs(e, t), a = U("rect", {
		class: "gf-chart-hit",
		x: 0,
		y: 0,
		width: 300,
		height: Ds,
		fill: "transparent"
	});
	return r.append(U("path", {
		class: "gf-bar gf-pos",
		d: i.positive,
		"pointer-events": "none"
	}), U("path", {
		class: "gf-bar gf-neg",
		d: i.negative,
		"pointer-events": "none"
	}), U("line", {
		class: "gf-zero",
		x1: 0,
		x2: 300,
		y1: n,
		y2: n
	}), a), Rs(a, Ls(r), (n) => {
		let r = js(n, t.length), i = r === null ? void 0 : t[r];
		return i === void 0 ? null : `filter ${i}: CPD ${q(e[i] ?? NaN)}`;
	}), r;
}
function Ls(e) {
	return (t) => {
		let n = e.getBoundingClientRect();
		return n.width > 0 ? (t - n.left) / n.width * 300 : 0;
	};
}
function Rs(e, t, n) {
	let r = null, i = (i) => {
		let a = n(t(i.clientX)) ?? "";
		r || e.append(r = U("title", {})), r.textContent !== a && (r.textContent = a);
	};
	e.addEventListener("pointerover", i), e.addEventListener("pointermove", i);
}
function zs(e) {
	return Math.round(e * 1e3) / 1e3;
}
var Bs = 34, Vs = 14;
function Hs(e, t) {
	let n = (e.classes ?? e.a.map((e, t) => t)).slice(0, 32), r = n.length, i = 266 / Math.max(1, r), a = Vs + i * r, o = cs(e.a, n), s = Math.max(0, ...o.flat()) || 1, c = ls(e.a, n) || 1, l = Math.max(2, Math.floor(i * 2)), u = new Map(n.map((t) => [t, us(e.order.map((n) => e.a[t]?.[n] ?? NaN), l)])), d = U("svg", {
		class: "gf-matrix",
		"data-testid": "sparkline-matrix",
		viewBox: `0 0 300 ${a}`,
		role: "grid",
		"aria-label": "Class-pair sparkline matrix"
	});
	for (let t = 0; t < r; t++) {
		let r = n[t], a = e.classNames[r] ?? String(r), o = Bs + t * i + i / 2;
		d.append(U("text", {
			class: "gf-matrix-label",
			x: o,
			y: 11,
			"text-anchor": "middle"
		}, Us(a, i), U("title", {}, a))), d.append(U("text", {
			class: "gf-matrix-label",
			x: 31,
			y: Vs + t * i + i / 2 + 3,
			"text-anchor": "end"
		}, Us(a, Bs), U("title", {}, a)));
	}
	let f = [], p = [], m = U("g", {});
	for (let t = 0; t < r; t++) for (let a = 0; a < r; a++) {
		let r = n[t], l = n[a], d = Bs + a * i, h = Vs + t * i, g = u.get(r), _ = u.get(l), v = r === l, y = e.pair !== null && e.pair[0] === r && e.pair[1] === l, b = U("g", {
			class: `gf-matrix-cell${v ? " gf-diagonal" : ""}${y ? " gf-picked" : ""}${v && r === e.activeClass ? " gf-active" : ""}`,
			"data-testid": "matrix-cell",
			"data-row": r,
			"data-col": l,
			role: "gridcell",
			"aria-selected": y ? "true" : null
		}), x = U("rect", {
			class: "gf-cell-bg",
			x: d + .5,
			y: h + .5,
			width: i - 1,
			height: i - 1
		});
		v || x.setAttribute("fill-opacity", String(.06 + .5 * ((o[t]?.[a] ?? 0) / s))), b.append(x), m.append(b);
		let S = Math.min(2, i / 8), C = h + S, w = i - 2 * S;
		v || f.push(`M${Ws(d + S)} ${Ws(C + w / 2)}H${Ws(d + i - S)}`);
		let T = "M";
		for (let e = 0; e < g.length; e++) {
			let t = v ? g[e] : g[e] - _[e];
			if (!Number.isFinite(t)) {
				T = "M";
				continue;
			}
			let n = d + S + (g.length > 1 ? e / (g.length - 1) * w : w / 2), r = v ? C + w * (1 - t) : C + w / 2 - t / c * (w / 2);
			p.push(`${T}${Ws(n)} ${Ws(r)}`), T = "L";
		}
	}
	let h = (t, r) => {
		let i = e.classNames[t] ?? String(t), a = e.classNames[r] ?? String(r);
		return t === r ? `a[${i}, ·]: class ${i}'s normalised mean activation per filter` : `a[${i}, ·] − a[${a}, ·]; mean |difference| ${q(o[n.indexOf(t)]?.[n.indexOf(r)] ?? 0)}. Click for the CPD of this pair.`;
	}, g = (e) => {
		let t = e.target?.closest?.("[data-testid=\"matrix-cell\"]");
		return t instanceof SVGGElement ? [
			t,
			Number(t.dataset.row),
			Number(t.dataset.col)
		] : null;
	};
	return m.addEventListener("pointerover", (e) => {
		let t = g(e);
		t && !t[0].querySelector("title") && t[0].prepend(U("title", {}, h(t[1], t[2])));
	}), m.addEventListener("click", (e) => {
		let n = g(e);
		n && t(n[1], n[2]);
	}), d.append(m, U("path", {
		class: "gf-zero",
		d: f.join(""),
		"pointer-events": "none"
	}), U("path", {
		class: "gf-spark",
		"data-testid": "matrix-sparklines",
		d: p.join(""),
		"pointer-events": "none"
	})), d;
}
function Us(e, t) {
	let n = Math.max(1, Math.floor(t / 5.5));
	return e.length <= n ? e : `${e.slice(0, Math.max(1, n - 1))}…`;
}
function Ws(e) {
	return Math.round(e * 10) / 10;
}
// src/view/class_sections.ts
function Gs(e) {
	return e > 32;
}
function Ks(e, t) {
	let { means: n, classNames: r } = e, i = (e) => r[e] ?? String(e), a = (e) => z("p", {
		class: "gf-note",
		"data-testid": "class-rows-loading",
		role: "status"
	}, `Loading the class means of ${e.map(i).join(", ")}…`), o = Gs(n.classCount), s = as(n.a, e.matrixClasses), c = Hs({
		a: n.a,
		classNames: r,
		classes: e.matrixClasses.filter((e) => !s.includes(e)),
		order: e.order,
		pair: e.pair,
		activeClass: e.activeClass
	}, (e, n) => e === n ? t.activeClass(e) : t.pair([e, n])), l = o ? Cs({
		names: r,
		picked: e.matrixClasses,
		limit: 32,
		query: e.query
	}, {
		pick: (e) => t.pickClasses(e),
		search: t.search,
		reset: () => t.pickClasses(null)
	}) : null, u = (e, t, n, i) => o ? Ss(e, t, r, n, i) : qs(e, t, r, n, i), d = u("activation-class", "Class", e.activeClass, t.activeClass), f = e.pair ? as(n.a, e.pair) : [], p = e.pair && !f.length ? os(n.a, e.pair[0], e.pair[1]) : null, m = o ? z("div", {
		class: "gf-row",
		"data-testid": "cpd-classes"
	}, z("label", { class: "gf-inline" }, "A ", u("cpd-class-a", "Baseline class A", e.pair?.[0] ?? null, (n) => t.pair([n, e.pair?.[1] ?? +(n === 0)]))), z("label", { class: "gf-inline" }, "B ", u("cpd-class-b", "Class B", e.pair?.[1] ?? null, (n) => t.pair([e.pair?.[0] ?? +(n === 0), n])))) : null, h = n.a[e.activeClass], g = h ? Ps({
		activation: h,
		metric: e.metric,
		metricLabel: e.metricLabel,
		order: e.order,
		selected: e.selected,
		brushed: e.brushed
	}, {
		brush: t.brush,
		toggle: t.toggle
	}) : a([e.activeClass]);
	return [
		o ? xs(r) : null,
		z("h3", {}, "Class pairs"),
		...l ? [z("p", { class: "gf-note" }, `${n.classCount} classes: the matrix shows the classes picked here (at most 32); by default those of the pairs this layer separates best and worst.`), l] : [],
		c,
		s.length ? a(s) : null,
		z("p", { class: "gf-note" }, "Diagonal: a[c, ·] per filter. Row r, column c: a[r, ·] − a[c, ·]; darker where the layer separates the pair. Click a cell for its CPD."),
		p || m || f.length ? z("section", { "data-testid": "cpd-panel" }, z("h3", {}, "Class pairwise difference"), m, p && e.pair ? z("p", {
			class: "gf-note",
			"data-testid": "cpd-pair"
		}, `CPD = a[A, f] − a[B, f], A = ${i(e.pair[0])} (baseline), B = ${i(e.pair[1])}; mean |CPD| ${q(ss(n.a, e.pair[0], e.pair[1]))}`) : null, p ? Is(p, e.order) : f.length ? a(f) : null) : null,
		z("h3", {}, "Filter activations"),
		z("label", { class: "gf-inline" }, "Class ", d),
		g,
		z("p", { class: "gf-note" }, `Bars: a[class, f]; below: ${e.metricLabel}. Drag across the bars to select filters under ${e.metricLabel}; click one to toggle it.`)
	];
}
function qs(e, t, n, r, i) {
	let a = z("select", {
		"data-testid": e,
		"aria-label": t
	});
	return B(a, ...r === null ? [H("", "—")] : [], ...n.map((e, t) => H(String(t), e))), a.value = r === null ? "" : String(r), a.addEventListener("change", () => {
		a.value !== "" && i(Number(a.value));
	}), a;
}
// src/view/layer_panel.ts
function Js(e) {
	let t = z("section", {
		class: "gf-layer",
		"data-testid": "layer-panel",
		"aria-label": "Layer filters",
		hidden: !0
	}), n = null, r = null, i = "union", a = 10, o = "", s = "", c = /* @__PURE__ */ new Map(), l = /* @__PURE__ */ new Map(), u = /* @__PURE__ */ new Set(), d = /* @__PURE__ */ new Map();
	function f(e, t) {
		let n = c.get(e);
		return n || c.set(e, n = {
			order: t,
			pair: null,
			activeClass: null,
			picked: null,
			selections: /* @__PURE__ */ new Map()
		}), n;
	}
	function p(e) {
		e !== n && (c.clear(), l.clear(), u.clear(), d.clear()), n = e;
	}
	function m(e, t) {
		let r = l.get(e.module);
		if (r === "loading" || r && "error" in r) return r;
		let i = n.class_names.length, a = r ? as(r.a, g(r, t)) : Gs(i) ? null : Array.from({ length: i }, (e, t) => t);
		return r && !a?.length || r && d.get(e.module)?.classes === String(a) ? r : (u.has(e.module) || h(e.module, a), r ?? "loading");
	}
	function h(t, i) {
		let a = n;
		u.add(t), l.has(t) || l.set(t, "loading"), e.classMeans(t, i).then((e) => {
			n === a && (u.delete(t), d.delete(t), l.set(t, e), r?.module === t && C());
		}, (e) => {
			if (n !== a) return;
			u.delete(t);
			let o = e instanceof Error ? e.message : String(e);
			l.get(t) === "loading" ? l.set(t, { error: o }) : d.set(t, {
				classes: String(i),
				error: o
			}), r?.module === t && C();
		});
	}
	function g(e, t) {
		let n = _(e, t);
		return [
			...n,
			...t.pair ?? [],
			v(t, n)
		];
	}
	function _(e, t) {
		return Gs(e.classCount) ? t.picked ?? fs(e.pairs, 32) : Array.from({ length: e.classCount }, (e, t) => t);
	}
	function v(e, t) {
		return e.activeClass ?? t[0] ?? 0;
	}
	function y(e) {
		return n.metrics.find((t) => t.key === e) ?? n.metrics[0];
	}
	function b(e, t) {
		let n = y(t.order);
		return Hr(e.metrics[n.key] ?? [], n.weak);
	}
	function x(e) {
		return gs([...e.selections.values()], i);
	}
	function S(e, t, n) {
		n.length ? e.selections.set(t, [...new Set(n)].sort((e, t) => e - t)) : e.selections.delete(t), o = "";
	}
	function C() {
		if (t.hidden = !n || !r, !n || !r) return B(t);
		let c = n, l = r, u = f(l.module, c.metrics[0].key), p = b(l, u), h = y(u.order), g = x(u), w = Ka(c, l.module), T = z("select", {
			"data-testid": "matrix-order",
			"aria-label": "Order filters by"
		});
		B(T, ...c.metrics.map((e) => H(e.key, `${e.label} (weakest first)`))), T.value = u.order, T.addEventListener("change", () => {
			u.order = T.value, C();
		});
		let E = z("input", {
			type: "number",
			min: 0,
			max: 100,
			step: 1,
			value: a,
			"data-testid": "weakest-percent",
			"aria-label": "Percent of filters",
			class: "gf-number"
		});
		E.addEventListener("change", () => {
			a = Math.min(100, Math.max(0, Number(E.value) || 0));
		});
		let D = Xs("select-weakest", `Select weakest by ${h.label}`, () => {
			a = Math.min(100, Math.max(0, Number(E.value) || 0)), S(u, u.order, Ur(l.metrics[h.key] ?? [], h.weak, a)), C();
		}), O = z("select", {
			"data-testid": "selection-combine",
			"aria-label": "Combine the selections of each metric"
		});
		O.append(H("union", "union"), H("intersection", "intersection")), O.value = i, O.addEventListener("change", () => {
			i = O.value, C();
		});
		let k = [...u.selections].map(([e, t]) => z("li", {}, `${y(e).label}: ${t.length}`, " ", Xs(`selection-clear-${e}`, "✕", () => {
			S(u, e, []), C();
		}, `Clear the selection made under ${y(e).label}`))), A = Xs("plan-add", "Add selection to plan", () => {
			o = e.addToPlan(l.module, g) ?? `Plan: remove ${g.length} of ${l.filter_count} filters of ${l.module}.`, C();
		});
		A.disabled = w !== null || g.length === 0, w && (A.title = w);
		let j = no(c, l), M = j ? j.modules.filter((e) => e !== l.module) : [], N = m(l, u), P = d.get(l.module), ee = N === "loading" ? [z("p", {
			class: "gf-note",
			"data-testid": "class-means-loading",
			role: "status"
		}, `Loading the class means of ${c.class_names.length} classes…`)] : "error" in N ? [z("p", {
			class: "gf-error",
			"data-testid": "class-means-error",
			role: "alert"
		}, `Could not load the class means: ${N.error}`)] : [P ? z("p", {
			class: "gf-error",
			"data-testid": "class-means-error",
			role: "alert"
		}, `Could not load the class means: ${P.error}`) : null, ...Ks({
			means: N,
			classNames: c.class_names,
			order: p,
			pair: u.pair,
			activeClass: v(u, _(N, u)),
			matrixClasses: _(N, u),
			query: s,
			metric: l.metrics[h.key] ?? [],
			metricLabel: h.label,
			selected: new Set(g),
			brushed: new Set(u.selections.get(u.order) ?? [])
		}, {
			pair: (e) => {
				u.pair = e, C();
			},
			activeClass: (e) => {
				u.activeClass = e, C();
			},
			pickClasses: (e) => {
				u.picked = e, C();
			},
			search: (e) => {
				s = e;
			},
			brush: (e) => {
				S(u, u.order, e), C();
			},
			toggle: (e) => {
				S(u, u.order, _s(u.selections.get(u.order) ?? [], e)), C();
			}
		})];
		B(t, z("p", { class: "gf-kind" }, `Layer · ${l.layer_type}`), z("h2", { class: "gf-path" }, l.module), z("dl", {
			class: "gf-facts",
			"data-testid": "layer-summary"
		}, ...Ys("Filters", W(l.filter_count)), ...Ys("Hooked tensor", l.hooked), ...Ys("Weight shape", l.weight_shape.join(" × ")), ...Ys("Coupled with", M.length ? M.join(", ") : "no other layer"), ...Ys("Prunable", w ?? (j ? `yes; one channel saves ${W(j.parameters_per_channel)} parameters, ${W(j.macs_per_channel)} MACs` : "yes"))), z("label", { class: "gf-inline" }, "Order filters by ", T), ...ee, z("div", { class: "gf-row" }, E, "%", D), k.length ? z("ul", {
			class: "gf-selections",
			"data-testid": "selection-metrics"
		}, ...k) : null, z("div", { class: "gf-row" }, z("label", { class: "gf-inline" }, "Combine ", O), z("span", { "data-testid": "filter-selection-count" }, `${g.length} of ${l.filter_count} filters selected`)), z("div", { class: "gf-row" }, A), o ? z("p", {
			class: "gf-note",
			"data-testid": "layer-message",
			role: "status"
		}, o) : null);
	}
	return {
		element: t,
		show(e, t, n) {
			e && p(e), r = e && t !== null ? Q(e, t) ?? null : null, r && f(r.module, n), o = "", C();
		},
		follow(e) {
			r && (f(r.module, e).order = e, C());
		},
		selectFilters(e, t, n, i) {
			p(e);
			let a = Q(e, t);
			if (!a) throw Error(`selectFilters: no layer "${t}"; layers: ${e.layers.map((e) => e.module).join(", ")}`);
			r = a;
			let o = f(t, i ?? e.metrics[0].key);
			S(o, i ?? o.order, n), C();
		},
		debug() {
			if (!n || !r) return null;
			let e = f(r.module, n.metrics[0].key), t = l.get(r.module), a = t && t !== "loading" && !("error" in t) ? t : null;
			return {
				module: r.module,
				order: e.order,
				filterOrder: b(r, e),
				pair: e.pair,
				cpd: e.pair && a && !as(a.a, e.pair).length ? os(a.a, e.pair[0], e.pair[1]) : null,
				activeClass: v(e, a ? _(a, e) : []),
				classMeansLoaded: a !== null,
				loadedClasses: a ? a.a.flatMap((e, t) => e ? [t] : []) : [],
				matrixClasses: a ? _(a, e) : [],
				pairs: a ? a.pairs : null,
				selections: Object.fromEntries(e.selections),
				combine: i,
				selected: x(e)
			};
		}
	};
}
function Ys(e, t) {
	return [z("dt", {}, e), z("dd", {}, t)];
}
function Xs(e, t, n, r) {
	let i = z("button", {
		type: "button",
		class: "gf-button",
		"data-testid": e,
		title: r ?? null
	}, t);
	return i.addEventListener("click", n), i;
}
// src/view/filter_step_source.ts
var Zs = 268435456;
function Qs(e, t = Zs) {
	let n = /* @__PURE__ */ new Map(), r = 0, i = 0;
	function a() {
		for (let [e, i] of n) {
			if (r <= t || n.size <= 1) break;
			n.delete(e), r -= i.bytes;
		}
	}
	function o(e, t, i) {
		if (n.get(e) !== t) return;
		let o = i.a.reduce((e, t) => e + (t ? t.byteLength : 0), 0);
		r += o - t.bytes, t.bytes = o, a();
	}
	return {
		summary: (t) => e.filterSummary(t),
		classMeans(t, r, a) {
			let s = JSON.stringify([
				t.run,
				t.tag,
				t.step,
				r
			]), c = n.get(s);
			if (!c) {
				i++;
				let c = {
					means: e.filterLayer(t, r, a).then((e) => $s(null, e)),
					bytes: 0
				};
				return n.set(s, c), c.means.then((e) => o(s, c, e), () => {
					n.get(s) === c && n.delete(s);
				}), c.means;
			}
			if (n.delete(s), n.set(s, c), a === null) return c.means;
			let l = c.means, u = l.then((n) => {
				let o = as(n.a, a);
				return o.length ? (i++, e.filterLayer(t, r, o).then((e) => $s(n, e))) : n;
			});
			return c.means = u.catch(() => l), u.then((e) => o(s, c, e), () => void 0), u;
		},
		layerRequests: () => i
	};
}
function $s(e, t) {
	if (e && (e.classCount !== t.classCount || e.filterCount !== t.filterCount)) throw Error(`layer ${t.module} answered ${t.classCount} classes × ${t.filterCount} filters, where it answered ${e.classCount} × ${e.filterCount} before: the logged step changed; reload the page`);
	let n = e ? [...e.a] : Array.from({ length: t.classCount }, () => void 0);
	return t.classes.forEach((e, r) => {
		n[e] = t.rows[r];
	}), {
		module: t.module,
		classCount: t.classCount,
		filterCount: t.filterCount,
		a: n,
		pairs: t.pairs
	};
}
// src/view/overlay_state.ts
function ec(e, t) {
	return [
		"none",
		...e ? ["pruning"] : [],
		...t ? ["dynamics"] : []
	];
}
function tc(e, t) {
	let { series: n, hasDynamics: r, stats: i, status: a, error: o } = t, s = {
		mode: e.mode,
		modes: ec(n, r),
		metric: e.metric,
		weakByValue: e.weakBy,
		status: a,
		error: o
	}, c = {
		...s,
		steps: [],
		step: null,
		metrics: [],
		weakBy: []
	};
	return n ? {
		...s,
		steps: Ua(n),
		step: e.step,
		metrics: i ? [...i.metrics.map((e) => ({
			value: e.key,
			label: `${e.label} (layer mean)`
		})), {
			value: Fr,
			label: "Share of weak filters"
		}] : [],
		weakBy: i && e.metric === "weak_share" ? [{
			value: "any",
			label: "any metric"
		}, ...i.metrics.map((e) => ({
			value: e.key,
			label: e.label
		}))] : []
	} : r || a ? c : null;
}
function nc(e, t, n) {
	if (!e) return null;
	let r = e.metrics.map((e) => e.key);
	return t !== "weak_share" && r.includes(t) ? t : n !== "any" && r.includes(n) ? n : r[0] ?? null;
}
function rc(e, t) {
	return e.mode === "none" ? null : e.mode === "pruning" ? {
		mode: e.mode,
		step: e.step,
		metric: e.metric,
		weakBy: e.weakBy,
		layer: t
	} : {
		mode: e.mode,
		step: null,
		metric: null,
		weakBy: null,
		layer: null
	};
}
function ic(e, t, n, r) {
	return t.mode === "pruning" && n ? {
		mode: "pruning",
		step: t.step !== null && Ua(n).includes(t.step) ? t.step : e.step,
		metric: t.metric ?? e.metric,
		weakBy: t.weakBy ?? e.weakBy
	} : t.mode === "dynamics" && r ? {
		...e,
		mode: "dynamics"
	} : e;
}
// src/view/plan_panel.ts
function ac(e) {
	let t = z("section", {
		class: "gf-plan",
		"data-testid": "pruning-plan",
		"aria-label": "Pruning plan",
		hidden: !0
	});
	function n(n, r, i) {
		if (t.hidden = n === null, !n) return B(t);
		let a = Qa(n, r), o = Ya(n, r), s = qa(n, r).filter((e) => e.modules.length > 1), c = z("button", {
			type: "button",
			class: "gf-button",
			"data-testid": "plan-download"
		}, "Download plan (JSON)");
		c.disabled = r.size === 0 || a.length > 0, c.addEventListener("click", e.download);
		let l = z("button", {
			type: "button",
			class: "gf-button",
			"data-testid": "plan-clear"
		}, "Clear");
		l.disabled = r.size === 0, l.addEventListener("click", e.clear), B(t, z("h2", {}, "Pruning plan"), r.size ? z("ul", { class: "gf-plan-layers" }, ...[...r].map(([t, r]) => {
			let i = z("button", {
				type: "button",
				class: "gf-link",
				"data-testid": "plan-remove",
				title: `Take ${t} out of the plan`,
				"aria-label": `Take ${t} out of the plan`
			}, "remove");
			i.addEventListener("click", () => e.remove(t));
			let a = Q(n, t);
			return z("li", {
				"data-testid": "plan-layer",
				"data-module": t
			}, z("span", { class: "gf-path" }, t), z("span", { class: "gf-note" }, `${W(r.length)} of ${W(a?.filter_count ?? 0)} filters`), i);
		})) : z("p", { class: "gf-muted" }, "Select filters of a layer, then add the selection to the plan."), ...s.map((e) => z("p", { class: "gf-note" }, `Coupled: ${e.modules.join(", ")} lose the same ${W(e.removed)} of ${W(e.channelCount)} channels.`)), oc(o), ...a.map((e) => z("p", {
			class: "gf-search-error",
			"data-testid": "plan-warning"
		}, e)), i ? z("p", {
			class: "gf-note",
			"data-testid": "plan-message",
			role: "status"
		}, i) : null, z("div", { class: "gf-row" }, c, l));
	}
	return {
		element: t,
		show: n
	};
}
function oc(e) {
	let t = (e, t, n, r) => z("tr", { "data-testid": r }, z("th", { scope: "row" }, e), z("td", {
		class: "gf-num",
		title: W(t)
	}, mt(t)), z("td", {
		class: "gf-num",
		title: W(n)
	}, mt(n)), z("td", { class: "gf-num" }, yt(t, n)));
	return z("table", {
		class: "gf-preview",
		"data-testid": "plan-preview"
	}, z("thead", {}, z("tr", {}, z("th", {}, ""), z("th", { scope: "col" }, "before"), z("th", { scope: "col" }, "after"), z("th", { scope: "col" }, "saved"))), z("tbody", {}, t("Parameters", e.parameters_before, e.parameters_after, "plan-parameters"), t("MACs", e.macs_before, e.macs_after, "plan-macs")));
}
// src/view/plan_controller.ts
function sc(e) {
	let t = /* @__PURE__ */ new Map(), n = "", r = ac({
		remove: (e) => {
			let r = new Map(t);
			r.delete(e), t = r, n = "", i();
		},
		clear: () => {
			a(), i();
		},
		download: () => {
			let e = o();
			e && zi(new Blob([`${JSON.stringify(e, null, 2)}\n`], { type: "application/json" }), to(e.source));
		}
	});
	function i() {
		r.show(e.on() ? e.stats() : null, t, n);
	}
	function a() {
		t = /* @__PURE__ */ new Map(), n = "";
	}
	function o() {
		let n = e.stats();
		return n ? eo(n, t) : null;
	}
	return {
		element: r.element,
		show: i,
		reset: a,
		add(r, a) {
			let o = e.stats();
			if (!o) return "no filter statistics are loaded";
			let s = $a(o, t, r, a);
			return "error" in s ? n = `Not added: ${s.error}` : (t = s.plan, n = ""), i(), n || null;
		},
		json: o
	};
}
// src/view/pruning_paint.ts
function cc(e, t, n, r, i) {
	let a = n === "weak_share" ? Lr(e, r) : [], o = Vr(e, n, a), s = n === "weak_share" ? [0, 1] : Nr(o.map((e) => e.value)), c = /* @__PURE__ */ new Map();
	for (let e of Fa(Na(t), o)) c.set(e.id, e);
	let l = i.dark ? kr : Or, u = e.metrics.find((e) => e.key === n), d = s ? Ar(s[0], s[1], n === "weak_share" ? "high" : u?.weak ?? "high", l) : null, f = /* @__PURE__ */ new Map();
	if (d) for (let [e, t] of c) f.set(e, d.color(t.value));
	let p = d ? {
		title: n === "weak_share" ? "Share of weak filters" : `${u?.label ?? n}: mean over the layer's filters`,
		scale: d,
		ramp: l,
		format: n === "weak_share" ? (e) => `${Math.round(e * 100)}%` : void 0,
		notes: [...n === "weak_share" ? [`A filter is weak when ${a.map((e) => e.description).join(", or ")}.`] : [], "Modules and stacks: mean over every filter inside (layer values weighted by filter count)."],
		neutral: i.boundaryFill
	} : null;
	return {
		values: c,
		scale: d,
		paint: {
			fills: f,
			neutralFill: i.boundaryFill,
			stroke: i.opStroke
		},
		legend: p
	};
}
// src/view/overlay_controller.ts
function lc(e) {
	let t = 0, n = [], r = null, i = !1, a = /* @__PURE__ */ new Map(), o = null, s = null, c = "none", l = Fr, u = "discriminability", d = "", f = !1, p = null, m = oa, h = null, g = null, _ = /* @__PURE__ */ new Map(), v = null, y = null, b = e.link === void 0 ? re(location.hash || fe()).overlay : e.link, x = Qs(e.api), S = (t) => {
		y = t, e.paint(t);
	}, C = ts(), w = (t) => {
		let n = a.get(t);
		return n || a.set(t, n = e.api.scalars(t)), n;
	}, T = is({
		api: e.api,
		paint: S,
		legend: (e) => C.show(e),
		status: (e, t) => {
			d = e, f = t, ie();
		},
		track: e.track,
		scalars: w,
		drawnSparklines: e.drawnSparklines
	}), E = ho({
		scalars: w,
		track: e.track
	}), D = $o({
		mode: (t) => {
			c = t, d = "", f = !1, e.track(T.setActive(c === "dynamics")), M(), F();
		},
		step: (e) => {
			o = e, M(), F();
		},
		metric: (e) => {
			l = e, ie(), I();
			let t = nc(s, l, u);
			t && O.follow(t), F();
		},
		weakBy: (e) => {
			u = e, I(), F();
		}
	}, T.controls), O = Js({
		addToPlan: (e, t) => k.add(e, t),
		classMeans: (t, n) => s ? e.track(x.classMeans({
			run: s.run,
			tag: s.tag,
			step: s.step
		}, t, n)) : Promise.reject(/* @__PURE__ */ Error("no filter statistics are loaded"))
	});
	ee(P);
	let k = sc({
		stats: () => s,
		on: A
	});
	function A() {
		return c === "pruning" && s !== null;
	}
	function j() {
		return {
			mode: c,
			step: o,
			metric: l,
			weakBy: u
		};
	}
	async function M() {
		let n = t;
		if (c === "pruning" && r && o !== null && (!s || s.step !== o || s.tag !== r.tag || s.run !== r.run)) {
			d = `Loading filter statistics (step ${o})…`, f = !1, ie();
			try {
				let i = await e.track(x.summary({
					run: r.run,
					tag: r.tag,
					step: o
				}));
				if (n !== t) return;
				N(i), d = "";
			} catch (e) {
				if (n !== t) return;
				d = `Could not load the filter statistics: ${e instanceof Error ? e.message : String(e)}`, f = !0;
			}
		}
		ie(), I(), ae();
	}
	function N(e) {
		s = e, k.reset();
		let t = e.metrics.map((e) => e.key);
		l !== "weak_share" && !t.includes(l) && (l = Fr), u !== "any" && !t.includes(u) && (u = t[0] ?? "any"), b?.layer && !g && Q(e, b.layer) && (g = b.layer), b = null;
	}
	function P() {
		return rc(j(), g);
	}
	function F() {
		let e = new URL(location.href);
		e.hash = te(e.hash, P()), e.href !== location.href && (history.replaceState(history.state, "", e.href), pe(e.hash));
	}
	function ne(e) {
		({mode: c, step: o, metric: l, weakBy: u} = ic(j(), e, r, i)), c !== "pruning" && (b = null);
	}
	function ie() {
		D.show(tc(j(), {
			series: r,
			hasDynamics: i,
			stats: s,
			status: d,
			error: f
		}));
	}
	function I() {
		if (_ = /* @__PURE__ */ new Map(), v = null, c === "dynamics") return;
		if (!A() || !p) {
			S(null), C.show(null);
			return;
		}
		let e = cc(s, p, l, u, m);
		_ = e.values, v = e.scale, S(e.paint), C.show(e.legend);
	}
	function ae() {
		let e = nc(s, l, u);
		A() && g && e && Q(s, g) ? O.show(s, g, e) : O.show(null, null, "discriminability"), k.show(), E.show(c === "pruning" && r ? {
			listing: n,
			run: r.run,
			step: o
		} : null);
	}
	function oe(e) {
		return !e || !("type" in e.json) ? null : e.json.type === "module" ? Ia(e.json.path) : e.json.type === "op" ? Ia(e.view.module.path) : null;
	}
	return {
		bar: D.element,
		legend: C.element,
		layerPanel: O.element,
		planPanel: k.element,
		comparePanel: E.element,
		dynamicsLayerPanel: T.layerPanel,
		summaryPanel: T.summaryPanel,
		graphShown(l) {
			let u = ++t, m = r;
			r = null, i = !1, n = [], a = /* @__PURE__ */ new Map(), T.use([], l), p = null, h = null, g = null, d = "", f = !1, e.track(e.api.overlays().then((a) => {
				if (u !== t) return;
				n = a, r = Ba(n, l.run, l.tag), i = T.use(n, l), p && T.sceneShown(p);
				let d = r && m && r.run === m.run && r.tag === m.tag;
				return d || (s = null, k.reset()), o = r ? Wa(r, d ? o : null) : null, b && ne(b), (c === "pruning" && !r || c === "dynamics" && !i) && (c = "none"), e.track(T.setActive(c === "dynamics")), M();
			}, (e) => {
				u === t && (s = null, d = `Overlays unavailable: ${e instanceof Error ? e.message : String(e)}`, f = !0, ie());
			})), ie(), I(), ae();
		},
		sceneShown(e) {
			p = e, T.sceneShown(e), I();
		},
		selected(e) {
			let t = e?.id ?? null;
			t !== h && (h = t, g = oe(e), T.selected(g), ae(), c !== "none" && F());
		},
		setPalette(e) {
			m = e, T.setPalette(e), I();
		},
		clear() {
			t++, r = null, i = !1, n = [], T.clear(), T.setActive(!1), s = null, p = null, k.reset(), D.show(null), I(), ae();
		},
		exported: () => ({
			paint: y,
			legend: C.current()
		}),
		describe(e) {
			if (c === "dynamics") return T.describe(e);
			let t = _.get(e);
			if (!t || !v) return null;
			let n = l === "weak_share" ? `${Math.round(t.value * 100)}% weak filters` : `${t.value.toPrecision(3)} mean`;
			return t.layers > 1 ? `${n} over ${t.layers} layers (${t.weight} filters)` : `${n} (${t.weight} filters)`;
		},
		hooks: {
			overlay: () => {
				let e = c === "dynamics" ? T.debug() : null;
				return {
					mode: c,
					metric: l,
					weakBy: u,
					series: s && A() ? {
						run: s.run,
						tag: s.tag,
						step: s.step
					} : null,
					range: e ? e.range : v ? [v.min, v.max] : null,
					colored: e ? e.colored : [..._.values()].map((e) => ({
						id: e.id,
						value: e.value
					}))
				};
			},
			layerRequests: () => x.layerRequests(),
			plan: () => k.json(),
			layer: () => O.debug(),
			selectFilters(e, t, n) {
				if (!A()) throw Error("selectFilters: the pruning overlay is off; pick \"Pruning metrics\" in overlay-mode first");
				g = e, O.selectFilters(s, e, t, n);
			},
			dynamics: () => T.debug(),
			summary: () => c === "dynamics" ? T.summary() : null,
			compare: () => E.debug()
		}
	};
}
function uc(e) {
	switch (e.kind) {
		case "views": return "Loading module views…";
		case "expand": return e.depth === null ? "Expanding every module…" : e.depth === 0 ? "Collapsing…" : `Expanding to depth ${e.depth}…`;
		case "layout": return dc(e.stage);
	}
}
function dc(e) {
	switch (e.step) {
		case "preparing": return `Preparing ${e.label}: ${e.nodes} items, ${e.edges} edges`;
		case "laying-out": return `Laying out ${e.label}: layering, ordering and routing ${e.edges} edges`;
		case "placing": return `Placing ${e.label}`;
	}
}
function fc() {
	let e = z("div", {
		class: "gf-progress",
		"data-testid": "layout-progress",
		role: "status",
		hidden: !0
	});
	return {
		element: e,
		async around(t, n, r) {
			let i = setTimeout(() => {
				e.hidden = !1, e.textContent ||= uc(n);
			}, 150);
			try {
				return await t;
			} finally {
				clearTimeout(i), r() || (e.hidden = !0, e.textContent = "");
			}
		},
		show(t) {
			e.textContent = uc(t);
		}
	};
}
// src/view/search_panel.ts
var pc = 300;
function mc(e) {
	let t = z("input", {
		type: "search",
		class: "gf-search-input",
		"data-testid": "search-input",
		placeholder: "Search (regex): name, op, module, class",
		"aria-label": "Search the graph by regular expression",
		spellcheck: "false",
		autocomplete: "off"
	}), n = z("div", {
		class: "gf-search-results",
		"data-testid": "search-results",
		role: "list",
		hidden: !0
	}), r = null, i = 0;
	async function a() {
		r && clearTimeout(r), r = null;
		let a = t.value.trim(), s = ++i;
		if (!a) n.hidden = !0, B(n);
		else {
			n.hidden = !1, B(n, z("p", { class: "gf-muted" }, "Searching…"));
			try {
				let t = await e.search(a);
				if (s !== i) return;
				let r = `${W(t.total)} match${t.total === 1 ? "" : "es"}`, c = t.truncated ? `first ${t.hits.length} of ${r}` : r;
				B(n, z("p", { class: "gf-muted" }, c), ...t.hits.map(o));
			} catch (e) {
				if (s !== i) return;
				B(n, z("p", {
					class: "gf-search-error",
					role: "alert"
				}, e instanceof Error ? e.message : String(e)));
			}
		}
	}
	function o(t) {
		let n = t.embedded_in ? `${t.hidden === "check" ? "check" : t.kind} of ${t.embedded_in}` : t.module || "(root)", r = bn(t.hidden), i = z("button", {
			type: "button",
			class: "gf-hit",
			"data-testid": "search-hit",
			role: "listitem",
			title: `${t.name}\n${t.op}\n${t.module}`
		}, z("span", { class: "gf-hit-name" }, t.name), z("span", { class: "gf-note" }, r ? z("span", {
			class: "gf-hidden-mark",
			title: "Not drawn; choose it to see its details"
		}, `hidden: ${r}`) : null, `${r ? " " : ""}${Bt(t.op)} · ${n}`));
		return i.addEventListener("click", () => e.choose(t)), i;
	}
	return t.addEventListener("input", () => {
		r && clearTimeout(r), r = setTimeout(() => void a(), pc);
	}), t.addEventListener("keydown", (e) => {
		e.key === "Enter" ? (e.preventDefault(), a()) : e.key === "Escape" && (t.value = "", a());
	}), {
		input: t,
		results: n,
		clear() {
			t.value = "", i++, n.hidden = !0, B(n);
		},
		hint(e) {
			r && clearTimeout(r), i++, n.hidden = !1, B(n, z("p", {
				class: "gf-muted",
				"data-testid": "search-hint"
			}, e)), t.focus();
		}
	};
}
// src/view/stack_panel.ts
function hc(e) {
	let t = z("h2", { class: "gf-stack-title" }), n = z("select", {
		"data-testid": "member-picker",
		"aria-label": "Member shown"
	}), r = z("button", {
		type: "button",
		class: "gf-button",
		"data-testid": "unstack-button"
	}, "Unstack"), i = z("div", {
		class: "gf-differences",
		"data-testid": "stack-differences"
	}), a = z("section", {
		class: "gf-stack",
		"aria-label": "Opened stack",
		hidden: !0
	}, t, z("div", { class: "gf-stack-controls" }, z("label", {}, "Member", n), r), i), o = null, s = !1;
	n.addEventListener("change", () => {
		o && e.pick(o, n.value);
	}), r.addEventListener("click", () => {
		o && e.unstack(o, !s);
	});
	function c(e, c, l) {
		if (a.hidden = e === null, !e) o = null;
		else {
			if (o?.id !== e.id) {
				B(n, ...e.members.map((t, n) => H(t, kt(e, n, Wt(t)), { title: t })));
				let t = e.variants, r = e.differences.length + t.length;
				B(i, z("h3", {}, r ? `What differs between members (${r})` : "What differs between members"), t.length ? z("ul", {
					class: "gf-diffs",
					"data-testid": "stack-variants"
				}, ...t.map((e) => {
					let t = At(e);
					return z("li", { "data-member": e.member }, t.title, t.adds ? z("div", {}, t.adds) : null, t.lacks ? z("div", {}, t.lacks) : null);
				})) : null, e.differences.length ? z("ul", { class: "gf-diffs" }, ...e.differences.map((e) => z("li", {}, fn(e)))) : t.length ? null : z("p", { class: "gf-muted" }, "Nothing: every member has the same shapes, dtypes and attributes."));
			}
			o = e, s = l, B(t, `${Gt(e)} ${Et(e)}`), n.value = c, n.disabled = l, r.textContent = l ? "Stack again" : "Unstack", r.setAttribute("aria-pressed", String(l));
		}
	}
	return {
		element: a,
		show: c
	};
}
// src/view/stack_focus.ts
function gc(e, t) {
	for (let n = t; n; n = e?.byId.get(n.parent)) if (n.open && (n.openAs === "stack" || n.openAs === "unstacked")) return n.id;
	return null;
}
function _c(e, t, n) {
	return (t ? e.byId.get(t) : void 0)?.open ? t : (n && gc(e, n)) ?? [...e.items].reverse().find((e) => e.open && yc(e))?.id ?? null;
}
function vc(e, t) {
	let n = t ? e.byId.get(t) : void 0;
	return n?.open && yc(n) ? n.json : null;
}
function yc(e) {
	return !!(e.json && "type" in e.json && e.json.type === "stack");
}
// src/action_queue.ts
function bc() {
	let e = Promise.resolve(), t = 0;
	return {
		run(n) {
			t += 1;
			let r = e.then(n);
			return e = r.then(() => void --t, () => void --t), r;
		},
		get size() {
			return t;
		}
	};
}
// src/view/tab_actions.ts
function xc(e) {
	let t = bc(), n = /* @__PURE__ */ new Map();
	function r(e, t) {
		let n = e.byId.get(t) ?? e.items.find((e) => e.block?.node.chain.slice(1).some((e) => `m:${e.module.path}` === t));
		if (!n) throw Error(`no item ${t} is drawn; drawn items: ${[...e.byId.keys()].slice(0, 20).join(", ")}`);
		return n;
	}
	function i(t) {
		let n = e.scene();
		if (!e.session() || !n) return Promise.resolve();
		let i = r(n, t), a = n.byId.get(i.parent);
		if (a?.openAs === "unstacked" && "type" in a.json && a.json.type === "stack") return e.change($e(Xe(e.state(), a.id, t.slice(2)), a.id), a.id);
		if (i.type !== "module" && i.type !== "stack") return Promise.resolve();
		let o = "type" in i.json && i.json.type === "stack" ? i.json.members : [];
		return e.change($e(Ye(e.state(), i.id, o), i.id), i.id);
	}
	function a(t, n) {
		let r = e.scene()?.byId.get(t);
		if (!r || !("type" in r.json) || r.json.type !== "stack") throw Error(`no stack ${t} is drawn`);
		return e.change(Qe(e.state(), t, n), t);
	}
	function o(t) {
		let n = e.session();
		switch (t.kind) {
			case "node": return n ? e.revealing(() => n.reveal(t.name)) : Promise.resolve();
			case "item": return e.selectAndShow(t.id), Promise.resolve();
			case "member": return e.change($e(Xe(e.state(), t.stack, t.member), t.stack), t.stack);
		}
	}
	function s(e) {
		if (e.direction !== "out") return e.json.node;
		let t = [...new Set(e.json.edges.map((e) => e[2]))], r = n.get(e.id) ?? 0;
		return n.set(e.id, r + 1), t[r % t.length] ?? e.json.node;
	}
	return {
		queue: t,
		toggle: (e) => t.run(() => i(e)),
		unstack: (e, n) => t.run(() => a(e, n)),
		expand(n) {
			return t.run(() => {
				let t = e.session();
				return t ? e.expanding(n, () => t.expand(n)) : void 0;
			});
		},
		pickMember: (n, r) => t.run(() => e.change(Ze(e.state(), n, r), n)),
		follow: (e) => t.run(() => o(e)),
		reveal: (n) => t.run(() => e.revealing(n)),
		stubClick(n) {
			return t.run(() => {
				let t = e.session();
				if (!t) return;
				let r = s(n);
				return e.revealing(() => t.reveal(r));
			});
		},
		reset() {
			n.clear();
		}
	};
}
// src/view/tab_toolbar.ts
function Sc(e) {
	let t = sr((t) => e.crumb(t)), n = Wi((t) => e.expand(t));
	return {
		element: z("div", { class: "gf-toolbar" }, t.element, z("div", { class: "gf-tools" }, V("zoom-out", "−", "Zoom out (-)", () => e.zoomBy(.8)), V("zoom-in", "+", "Zoom in (+)", () => e.zoomBy(1.25)), V("fit-button", "Fit", "Fit to screen (0)", () => e.fit()), n.element, V("export-svg", "SVG", "Download the drawing as SVG", () => e.exportSvg()), V("export-png", "PNG", "Download the drawing as PNG", () => e.exportPng()))),
		breadcrumbs: t
	};
}
// src/view/tooltip.ts
var Cc = 8;
function wc(e) {
	if ("port" in e) {
		let t = e.port.json, n = [
			t.direction === "in" ? `Pruned input ${t.node}:${t.output} (${t.reason})` : `Pruned output ${t.node}:${t.output} (${t.reason})`,
			K(t),
			...t.edges.slice(0, Cc).map(([e, t, n, r]) => `${e}:${t} → ${n} [input ${r}]`)
		];
		return t.edges.length > Cc && n.push(`… ${t.edges.length - Cc} more`), n.push(t.direction === "in" ? "Click to go to the producer" : "Click to go to a consumer (again for the next)"), n;
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
function Tc(e = () => null) {
	let t = z("div", {
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
				let i = "item" in r ? e(r.item.id) : null, a = i ? [...wc(r), i] : wc(r);
				B(t, ...a.map((e, t) => z("div", { class: t ? "gf-note" : "gf-tip-title" }, e)));
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
function Ec(e, t, n, r = C) {
	let i = null, a = "", o = null, s = null, c = !1, l = null, u = /* @__PURE__ */ new Set(), d = xc({
		session: () => i,
		scene: () => f.scene,
		state: O,
		change: j,
		expanding: async (e, t) => {
			c = !0;
			try {
				await k(A(t(), {
					kind: "expand",
					depth: e
				}));
			} finally {
				c = !1;
			}
		},
		revealing: M,
		selectAndShow: (e) => {
			P(e), f.reveal(e);
		}
	}), f = da({
		select: (e) => P(e),
		toggle: (e) => void k(d.toggle(e)).catch(w),
		expand: (e) => void k(d.expand(e)).catch(w),
		stubClick: (e) => void k(d.stubClick(e)),
		hover: (e, t, n) => h.show(e, t, n),
		changed: () => {
			o && p.update(f.scene, f.camera, f.size, o);
		}
	}), p = Ma((e, t) => {
		let n = f.camera;
		f.setCamera({
			...n,
			x: f.size.width / 2 - e * n.scale,
			y: f.size.height / 2 - t * n.scale
		});
	}), m = fc(), h = Tc((e) => g.describe(e)), g = lc({
		api: r,
		paint: (e) => f.setOverlay(e),
		track: k,
		drawnSparklines: () => f.counts.drawnSparklines
	}), _ = z("div", { class: "gf-canvas-wrap" }, f.element, p.element, g.legend, m.element, h.element), v = () => ({
		scene: f.scene,
		palette: o,
		key: i?.key ?? null,
		graphName: a,
		overlay: g.exported()
	}), y = Sc({
		zoomBy: (e) => f.zoomBy(e),
		fit: () => f.fit(),
		expand: (e) => void k(d.expand(e)).catch(w),
		exportSvg: () => Hi(v()),
		exportPng: () => Ui(v(), w),
		crumb: (e) => {
			e === "m:" ? (f.fit(), P(null)) : (P(e), f.reveal(e));
		}
	}), b = z("section", { class: "gf-stage" }, y.element, g.bar, _, g.summaryPanel), x = mc({
		search: (e) => i ? i.search(e) : Promise.reject(/* @__PURE__ */ Error("no graph is shown")),
		choose: (e) => void k(d.reveal(() => i.revealSteps(e).then(() => e)))
	}), S = hc({
		pick: (e, t) => void k(d.pickMember(e.id, t)),
		unstack: (e, t) => void k(d.unstack(e.id, t)).catch(w)
	}), w = (e) => n(e instanceof Error ? e.message : String(e)), T = Cr({
		session: () => i,
		follow: (e) => void k(d.follow(e)),
		track: k,
		reportError: w
	}), E = Ea({
		session: () => i,
		track: k,
		reportError: w,
		explainHidden: (e) => x.hint(e)
	}), D = z("aside", { class: "gf-side" }, z("div", { class: "gf-search" }, E.hiddenLine, x.input, x.results), S.element, g.layerPanel, g.dynamicsLayerPanel, g.planPanel, g.comparePanel, T.element, E.element);
	typeof ResizeObserver < "u" ? new ResizeObserver(() => f.resize()).observe(_) : addEventListener("resize", () => f.resize());
	function O() {
		return i?.state ?? We;
	}
	function k(e) {
		u.add(e);
		let t = () => u.delete(e);
		return e.then(t, t), e;
	}
	function A(e, t = { kind: "views" }) {
		return m.around(e, t, () => i?.busy ?? !1);
	}
	function j(e, t) {
		if (!i) return Promise.resolve();
		let n = t ? f.scene?.byId.get(t) : void 0;
		return l = n ? {
			id: n.id,
			before: {
				x: n.x,
				y: n.y,
				width: n.width,
				height: n.height
			}
		} : null, t?.startsWith("s:") && (s = t), k(A(i.show(e, null)));
	}
	async function M(e) {
		if (!i) return;
		let t;
		try {
			t = await k(A(e()));
		} catch (e) {
			w(e);
			return;
		}
		let n = xn(t);
		n && T.showHidden(n);
		let r = i.state.selection;
		f.setSelection(r), r && f.reveal(r);
		let a = r ? f.scene?.byId.get(r) : void 0;
		a && (s = gc(f.scene, a) ?? s), ee();
	}
	function N(e, t, r, a = !1) {
		f.scene || performance.mark?.("graphfold:first-scene"), (a || c) && f.setScene(null), c = !1, n(null), f.setScene(e, l), g.sceneShown(e), l = null, t.selection !== null && !e.byId.has(t.selection) && !e.ports.some((e) => e.id === t.selection) && i.select(null), f.setSelection(i.state.selection), r && e.byId.has(r) && f.reveal(r), ee();
	}
	function P(e) {
		if (!i) return;
		T.unpin(), i.select(e), f.setSelection(e);
		let t = e ? f.scene?.byId.get(e) : void 0, n = t ? gc(f.scene, t) : null;
		n && (s = n), ee();
	}
	function ee() {
		let e = f.scene;
		if (!i || !e) return;
		let t = i.state;
		Dc(i.key, t);
		let n = (t.selection ? e.byId.get(t.selection) : void 0) ?? null;
		y.breadcrumbs.show(ar(e, n ? n.id : null, a)), T.show(n), g.selected(n), s = _c(e, s, n);
		let r = vc(e, s);
		S.show(r, r ? tt(t, r.id) : "", r ? t.unstacked.has(r.id) : !1);
	}
	let F = {
		async idle() {
			for (;;) {
				for (; u.size;) await Promise.allSettled([...u]);
				if (await i?.settled(), await f.drawn(), !u.size && !i?.busy && !d.queue.size) return;
			}
		},
		items: () => vr(f.scene, f.camera),
		edges: () => yr(f.scene, f.emphasis.ghosts),
		stats: () => ({
			...f.counts,
			totalElements: br(f.scene),
			lastFrameMs: f.lastFrameMs,
			layoutMs: i?.layoutMs ?? 0
		}),
		selection: () => i?.state.selection ?? null,
		async toggle(e) {
			await k(d.toggle(e)), await F.idle();
		},
		async expand(e = null) {
			await k(d.expand(e)), await F.idle();
		},
		panZoom: (e, t, n) => f.panZoom(e, t, n),
		async unstack(e, t) {
			await k(d.unstack(e, t)), await F.idle();
		},
		...g.hooks
	};
	return {
		stage: b,
		side: D,
		debug: F,
		show(r, o, l, u = {}) {
			i?.close(), t.clear(), a = l, s = null, c = !1, d.reset(), x.clear(), T.unpin(), f.setScene(null);
			let p = new nr(r, e, t.layout, {
				scene: (e, t, n, r) => i === p && N(e, t, n, r),
				error: (e) => i === p && n(e)
			}, o, t);
			p.seedViews(u), i = p, g.graphShown(r), E.graphShown(p), k(A(p.show(o, o.selection)));
		},
		clear() {
			i?.close(), i = null, f.setScene(null), g.clear(), T.show(null), S.show(null, "", !1);
		},
		setPalette(e) {
			o = e, f.setPalette(e), g.setPalette(e);
		},
		stageLabel(e) {
			m.show({
				kind: "layout",
				stage: e
			});
		}
	};
}
function Dc(e, t) {
	let n = new URL(location.href);
	n.hash = F(e, t), n.href !== location.href && history.replaceState(history.state, "", n.href), pe(n.hash);
}
// src/view/picker.ts
function Oc(e) {
	let t = z("select", {
		name: "run",
		"data-testid": "source-run"
	}), n = z("select", {
		name: "tag",
		"data-testid": "source-tag"
	}), r = z("select", {
		name: "step",
		"data-testid": "source-step"
	}), i = z("form", {
		class: "gf-picker",
		"aria-label": "Graph"
	}, z("label", {}, "Run", t), z("label", {}, "Tag", n), z("label", {}, "Step", r));
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
		t.replaceChildren(...s.map((e) => H(e, e))), t.value = o.run;
		let c = o.run;
		n.replaceChildren(...e.flatMap((e, t) => e.run === c ? [H(String(t), kc(e))] : [])), n.value = String(e.indexOf(o)), r.replaceChildren(...o.steps.map((e) => H(String(e.step), Ac(e), {
			disabled: e.error !== null,
			title: jc(e)
		}))), i.step === null ? r.selectedIndex = -1 : r.value = String(i.step);
	}
	return {
		element: i,
		show: s
	};
}
function kc(e) {
	return e.source === "graphfold" ? e.tag : `${e.tag} (${e.label ?? "GraphDef"})`;
}
function Ac(e) {
	return e.error === null ? `step ${e.step} — ${vt(e.node_count, "node")}, ${gt(e.blob_bytes)}` : `step ${e.step} — error: ${e.error}`;
}
function jc(e) {
	let t = /* @__PURE__ */ new Date(e.wall_time * 1e3), n = Number.isNaN(t.getTime()) ? "" : ` (logged ${t.toISOString()})`;
	return e.error === null ? `${e.name}: ${vt(e.edge_count, "edge")}, ${vt(e.module_count, "module")}${n}` : e.error + n;
}
// src/view/text_measure.ts
function Mc() {
	if (/jsdom/i.test(globalThis.navigator?.userAgent ?? "")) return;
	let e = document.createElement("canvas").getContext("2d");
	if (!e) return;
	let t = /* @__PURE__ */ new Map();
	zt((n, r, i) => {
		let a = `${r}${i ? "b" : ""}\u0000${n}`, o = t.get(a);
		return o === void 0 && (e.font = `${i ? "600 " : ""}${r}px ${Nt}`, o = e.measureText(n).width, t.size > 5e4 && t.clear(), t.set(a, o)), o;
	});
}
// src/view/app.ts
var Nc = "No graphs in this log directory yet. Log one with tb_plugin.summary.log_graph(writer, model, example_inputs), or with SummaryWriter.add_graph, then press Reload.";
function Pc(e, t = {}) {
	let n = t.api ?? y;
	Mc();
	let r = null, i = Re() ?? Ie(Fe(), t.startWorker ?? Ae), a = Ne(i.worker, (e) => r?.stageLabel(e), Me()), o = Oc((e) => b(e, We, null)), s = z("button", {
		type: "button",
		class: "gf-reload"
	}, "Reload"), c = Ve(e.ownerDocument), l = Fc(c), d = z("p", {
		class: "gf-status",
		role: "status",
		hidden: !0
	}), f = z("p", {
		class: "gf-status gf-error",
		role: "alert",
		"data-testid": "error-message",
		hidden: !0
	});
	r = Ec(n, a, x, t.overlayApi);
	let p = z("div", { class: "gf-body" }, r.stage, r.side);
	e.append(z("header", { class: "gf-header" }, z("h1", {}, "GraphFold"), o.element, s, l), d, f, p), o.element.hidden = !0, p.hidden = !0, ua((t) => {
		e.classList.toggle("gf-dark", t.dark), e.classList.toggle("gf-light", !t.dark), r?.setPalette(t);
	});
	let m = [], h = null, g = Promise.resolve(), _ = r.debug;
	window.__graphfold = {
		..._,
		async idle() {
			for (let e = null; e !== g;) e = g, await e;
			await _.idle();
		}
	}, s.addEventListener("click", () => {
		let e = Fe();
		g = v(h ?? e.graph, e.state, null);
	}), g = v(i.link.graph, i.link.state, i.start);
	async function v(e, t, n) {
		S("loading", "Loading the list of graphs…"), s.disabled = !0;
		let i = null;
		try {
			n ? (i = await n, m = i.graphs) : m = await u();
		} catch (e) {
			S(null), x(`Could not list the graphs: ${Ic(e)}`);
			return;
		} finally {
			s.disabled = !1;
		}
		o.element.hidden = m.length === 0, m.length ? (S(null), b(e, t, i)) : (p.hidden = !0, r.clear(), S("info", Nc));
	}
	function b(t, n, i) {
		let a = ot(m, t);
		if (!a) return;
		o.show(m, a);
		let { run: s, tag: l, source: u } = a.listing;
		if (a.step === null) {
			h = null, p.hidden = !0, r.clear(), x(`No step of run "${s}", tag "${l}" can be read. ${a.listing.steps.map((e) => `step ${e.step}: ${e.error}`).join("; ")}`);
			return;
		}
		let d = {
			run: s,
			tag: l,
			source: u,
			step: a.step
		}, f = t && t.run === s && t.tag === l && t.source === u && (t.step ?? d.step) === d.step;
		h = d, c && (e.ownerDocument.title = `${l} (${s}) · GraphFold`), x(null), p.hidden = !1;
		let g = a.listing.steps.find((e) => e.step === d.step), _ = i?.graph, v = _ && _.run === s && _.tag === l && _.source === u && _.step === d.step ? i : null, y = v?.views ?? {}, b = v?.expanded, C = f ? n : We, w = b && "open" in b ? et(C, b.open) : C;
		r.show(d, w, g && g.error === null ? g.name : l, y), b && "error" in b && S("info", `The link's expand= could not be shown: ${b.error}`);
	}
	function x(e) {
		f.hidden = e === null, f.textContent = e ?? "";
	}
	function S(e, t = "") {
		d.hidden = e === null, d.className = e ? `gf-status gf-${e}` : "gf-status", d.textContent = t;
	}
}
function Fc(e) {
	let t = z("a", e ? {
		class: "gf-page-link",
		title: "This graph in TensorBoard's GraphFold tab"
	} : {
		class: "gf-page-link",
		target: "_blank",
		rel: "noopener",
		title: "This graph on a page of its own, without TensorBoard around it"
	}, e ? "Open in TensorBoard" : "Open in new tab ↗"), n = () => {
		let n = location.hash || fe(), r = e ? Ue(location.href, n) : He(document.baseURI, n);
		r && (t.href = r), t.hidden = !r;
	};
	n();
	for (let e of [
		"pointerenter",
		"pointerdown",
		"focus",
		"click"
	]) t.addEventListener(e, n);
	return t;
}
function Ic(e) {
	return e instanceof Error ? e.message : String(e);
}
// src/index.ts
var Lc = "graphfold-style";
Le(), Ve(document) && Rc(document.body);
function Rc(e = document.body) {
	performance.mark?.("graphfold:render");
	let t = e.ownerDocument;
	if (!t.getElementById(Lc)) {
		let e = t.createElement("style");
		e.id = Lc, e.textContent = ".graphfold{--lightningcss-light:initial;--lightningcss-dark: ;color-scheme:light dark;--gf-bg:#fff;--gf-fg:#202124;--gf-muted:#5f6368;--gf-border:#dadce0;--gf-surface:#f8f9fa;--gf-accent:#1a73e8;--gf-error-bg:#fce8e6;--gf-error-fg:#a50e0e;--gf-stub:#e8710a;background:var(--gf-bg);height:100vh;color:var(--gf-fg);flex-direction:column;margin:0;font:14px/1.45 Roboto,Segoe UI,system-ui,sans-serif;display:flex;overflow:hidden}@media (prefers-color-scheme:dark){.graphfold{--lightningcss-light: ;--lightningcss-dark:initial}}.graphfold.gf-dark{--lightningcss-light: ;--lightningcss-dark:initial;color-scheme:dark;--gf-bg:#202124;--gf-fg:#e8eaed;--gf-muted:#9aa0a6;--gf-border:#3c4043;--gf-surface:#292a2d;--gf-accent:#8ab4f8;--gf-error-bg:#3c1f1e;--gf-error-fg:#f28b82;--gf-stub:#fcad70}.graphfold.gf-light{--lightningcss-light:initial;--lightningcss-dark: ;color-scheme:light}.graphfold [hidden]{display:none!important}.gf-header{border-bottom:1px solid var(--gf-border);background:var(--gf-surface);flex-wrap:wrap;align-items:center;gap:8px 24px;padding:8px 16px;display:flex}.gf-header h1{margin:0;font-size:18px;font-weight:500}.gf-picker{flex-wrap:wrap;gap:8px 16px;margin:0;display:flex}.gf-picker label,.gf-stack-controls label{color:var(--gf-muted);align-items:center;gap:6px;display:flex}.gf-picker select,.gf-stack-controls select,.gf-overlay-bar select,.gf-layer select,.gf-plan select,.gf-summary-panel select,.gf-number,.gf-reload{border:1px solid var(--gf-border);background:var(--gf-bg);max-width:28em;color:var(--gf-fg);font:inherit;border-radius:4px;padding:4px 6px}.gf-reload{cursor:pointer}.gf-page-link{color:var(--gf-accent);margin-left:auto;text-decoration:none}.gf-page-link:hover,.gf-page-link:focus-visible{text-decoration:underline}.gf-picker select:focus-visible,.gf-stack-controls select:focus-visible,.gf-overlay-bar select:focus-visible,.gf-layer select:focus-visible,.gf-plan select:focus-visible,.gf-summary-panel select:focus-visible,.gf-number:focus-visible,.gf-reload:focus-visible{outline:2px solid var(--gf-accent);outline-offset:1px}.gf-reload:disabled{cursor:progress;opacity:.6}.gf-status{white-space:pre-wrap;overflow-wrap:anywhere;border-radius:4px;margin:8px 16px 0;padding:8px 12px}.gf-loading,.gf-info{color:var(--gf-muted);background:var(--gf-surface)}.gf-error{color:var(--gf-error-fg);background:var(--gf-error-bg)}.gf-stale{opacity:.5}.gf-summary h2{overflow-wrap:anywhere;margin:0 0 8px;font-size:20px;font-weight:500}.gf-facts{grid-template-columns:max-content 1fr;gap:2px 16px;margin:0 0 16px;display:grid}.gf-facts dt{color:var(--gf-muted)}.gf-facts dd{overflow-wrap:anywhere;margin:0}.gf-counts{flex-wrap:wrap;gap:12px;margin:0 0 24px;padding:0;list-style:none;display:flex}.gf-counts li{border:1px solid var(--gf-border);color:var(--gf-muted);border-radius:8px;padding:8px 16px}.gf-count{color:var(--gf-fg);font-variant-numeric:tabular-nums;font-size:20px}.gf-tables{flex-wrap:wrap;align-items:flex-start;gap:24px 48px;display:flex}.gf-tables h3{margin:0 0 8px;font-size:15px;font-weight:500}.gf-tables table{border-collapse:collapse}.gf-tables th,.gf-tables td{border-bottom:1px solid var(--gf-border);text-align:left;vertical-align:top;padding:4px 12px 4px 0}.gf-tables th{color:var(--gf-muted);font-weight:500}.gf-tables td[title]{cursor:help}.gf-tables .gf-num{text-align:right;font-variant-numeric:tabular-nums}.gf-path{overflow-wrap:anywhere;font-family:Roboto Mono,ui-monospace,monospace}.gf-muted{color:var(--gf-muted)}.gf-body{flex:1;min-height:0;display:flex}.gf-stage{flex-direction:column;flex:1;min-width:0;display:flex}.gf-toolbar{border-bottom:1px solid var(--gf-border);align-items:center;gap:8px;padding:4px 8px 4px 12px;display:flex}.gf-breadcrumbs{flex-wrap:wrap;flex:1;align-items:center;gap:2px;min-width:0;display:flex}.gf-crumb{max-width:22em;color:var(--gf-accent);font:inherit;white-space:nowrap;text-overflow:ellipsis;cursor:pointer;background:0 0;border:0;border-radius:4px;padding:2px 6px;overflow:hidden}.gf-crumb:last-child{color:var(--gf-fg);font-weight:500}.gf-crumb:hover{background:var(--gf-surface)}.gf-crumb-sep{color:var(--gf-muted)}.gf-tools{gap:4px;display:flex}.gf-tool,.gf-button{border:1px solid var(--gf-border);background:var(--gf-bg);min-width:32px;color:var(--gf-fg);font:inherit;cursor:pointer;border-radius:4px;padding:3px 8px}.gf-tool:hover,.gf-button:hover{background:var(--gf-surface)}.gf-tool[data-testid=export-svg]{margin-left:8px}.gf-canvas-wrap{flex:1;min-height:0;position:relative;overflow:hidden}.gf-canvas{cursor:grab;touch-action:none;outline:none;width:100%;height:100%;display:block}.gf-canvas.gf-dragging{cursor:grabbing}.gf-canvas:focus-visible{box-shadow:inset 0 0 0 2px var(--gf-accent)}.gf-minimap{border:1px solid var(--gf-border);cursor:crosshair;border-radius:6px;width:200px;height:140px;position:absolute;bottom:12px;right:12px;box-shadow:0 1px 4px #00000026}.gf-progress{border:1px solid var(--gf-border);background:var(--gf-surface);max-width:70%;color:var(--gf-muted);white-space:nowrap;text-overflow:ellipsis;border-radius:16px;padding:6px 14px 6px 32px;position:absolute;top:12px;left:50%;overflow:hidden;transform:translate(-50%);box-shadow:0 1px 4px #00000026}.gf-progress:before{border:2px solid var(--gf-border);border-top-color:var(--gf-accent);content:\"\";border-radius:50%;width:12px;height:12px;margin-top:-8px;animation:.8s linear infinite gf-spin;position:absolute;top:50%;left:10px}@keyframes gf-spin{to{transform:rotate(360deg)}}.gf-tooltip{z-index:2;border:1px solid var(--gf-border);background:var(--gf-bg);pointer-events:none;overflow-wrap:anywhere;border-radius:6px;max-width:420px;padding:6px 10px;font-size:12px;position:absolute;box-shadow:0 2px 8px #0000002e}.gf-tip-title{font-weight:500}.gf-side{border-left:1px solid var(--gf-border);background:var(--gf-bg);flex-direction:column;flex-shrink:0;gap:12px;width:340px;padding:10px 12px;display:flex;overflow-y:auto}.gf-side h2{overflow-wrap:anywhere;margin:0 0 6px;font-size:15px;font-weight:500}.gf-side h3{color:var(--gf-muted);letter-spacing:.03em;text-transform:uppercase;margin:10px 0 4px;font-size:12px;font-weight:500}.gf-search-input{box-sizing:border-box;border:1px solid var(--gf-border);background:var(--gf-bg);width:100%;color:var(--gf-fg);font:inherit;border-radius:4px;padding:6px 8px}.gf-search-input:focus-visible{outline:2px solid var(--gf-accent);outline-offset:-1px}.gf-search-results{flex-direction:column;max-height:40vh;margin-top:6px;display:flex;overflow-y:auto}.gf-search-results>p{margin:2px 0 4px;font-size:12px}.gf-hit{color:var(--gf-fg);font:inherit;text-align:left;cursor:pointer;background:0 0;border:0;border-radius:4px;flex-direction:column;align-items:flex-start;padding:4px 6px;display:flex}.gf-hit:hover,.gf-hit:focus-visible{background:var(--gf-surface)}.gf-hit-name{overflow-wrap:anywhere;font-family:Roboto Mono,ui-monospace,monospace;font-size:12px}.gf-note{color:var(--gf-muted);overflow-wrap:anywhere;font-size:12px}.gf-search-error{color:var(--gf-error-fg);overflow-wrap:anywhere}.gf-stack{border:1px solid var(--gf-border);background:var(--gf-surface);border-radius:6px;padding:8px 10px}.gf-stack-controls{flex-wrap:wrap;align-items:center;gap:8px;display:flex}.gf-stack-controls select{max-width:14em}.gf-diffs{overflow-wrap:anywhere;margin:0;padding-left:18px;font-size:12px}.gf-kind{color:var(--gf-muted);margin:0;font-size:12px}.gf-details .gf-facts{margin:0 0 4px;font-size:13px}.gf-links{margin:0;padding:0;list-style:none}.gf-links li{flex-wrap:wrap;align-items:baseline;gap:0 8px;padding:1px 0;display:flex}.gf-link{color:var(--gf-accent);text-align:left;overflow-wrap:anywhere;cursor:pointer;background:0 0;border:0;padding:0;font:12px Roboto Mono,ui-monospace,monospace}.gf-link:hover{text-decoration:underline}.gf-link-text{font:12px Roboto Mono,ui-monospace,monospace}.gf-summary-box summary{color:var(--gf-muted);cursor:pointer}.gf-summary-box .gf-tables{flex-direction:column;gap:12px}.gf-overlay-bar{border-bottom:1px solid var(--gf-border);flex-wrap:wrap;align-items:center;gap:4px 14px;padding:4px 12px;font-size:13px;display:flex}.gf-overlay-bar label,.gf-inline{color:var(--gf-muted);align-items:center;gap:6px;display:inline-flex}.gf-overlay-bar select,.gf-layer select,.gf-plan select,.gf-summary-panel select,.gf-number{max-width:16em;padding:2px 4px}.gf-number{width:4em}.gf-overlay-status{color:var(--gf-muted);overflow-wrap:anywhere}.gf-legend{z-index:1;border:1px solid var(--gf-border);background:var(--gf-bg);border-radius:6px;width:240px;padding:6px 10px;font-size:12px;position:absolute;top:12px;left:12px;box-shadow:0 1px 4px #00000026}.gf-legend-title{font-weight:500}.gf-legend-bar{border:1px solid var(--gf-border);border-radius:2px;height:10px;margin:4px 0 2px}.gf-legend-range{font-variant-numeric:tabular-nums;justify-content:space-between;display:flex}.gf-legend-neutral{color:var(--gf-muted);align-items:center;gap:6px;margin-top:2px;display:flex}.gf-swatch{border:1px solid var(--gf-border);border-radius:2px;width:12px;height:10px;display:inline-block}.gf-layer,.gf-plan{border:1px solid var(--gf-border);border-radius:6px;padding:8px 10px}.gf-layer .gf-facts{margin:0 0 6px;font-size:12px}.gf-layer .gf-note,.gf-plan .gf-note{margin:2px 0 4px;display:block}.gf-row{flex-wrap:wrap;align-items:center;gap:6px;margin:4px 0;display:flex}.gf-matrix,.gf-chart{-webkit-user-select:none;user-select:none;width:100%;height:auto;margin:4px 0;display:block}.gf-matrix-label{fill:var(--gf-muted);font-size:9px}.gf-matrix-cell{cursor:pointer}.gf-cell-bg{fill:var(--gf-accent)}.gf-diagonal .gf-cell-bg{fill:var(--gf-surface);stroke:var(--gf-border)}.gf-active .gf-cell-bg,.gf-picked .gf-cell-bg{stroke:var(--gf-stub);stroke-width:1.5px}.gf-spark{fill:none;stroke:var(--gf-fg);stroke-width:.8px}.gf-zero{stroke:var(--gf-muted);stroke-width:.5px;stroke-dasharray:2 2}.gf-bar{fill:var(--gf-muted)}.gf-bar.gf-selected{fill:var(--gf-stub)}.gf-bar.gf-pos{fill:var(--gf-accent)}.gf-bar.gf-neg{fill:var(--gf-error-fg)}.gf-band{fill:var(--gf-accent);fill-opacity:.12}.gf-brush{fill:#0000;cursor:crosshair;touch-action:none}.gf-brush-rect{fill:var(--gf-accent);fill-opacity:.2;pointer-events:none}.gf-selections{margin:0;padding-left:18px;font-size:12px}.gf-selections .gf-button{min-width:0;padding:0 4px}.gf-plan-layers{margin:0 0 6px;padding:0;list-style:none}.gf-plan-layers li{flex-wrap:wrap;align-items:baseline;gap:0 8px;display:flex}.gf-preview{border-collapse:collapse;font-variant-numeric:tabular-nums;font-size:12px}.gf-preview th,.gf-preview td{text-align:left;padding:2px 10px 2px 0}.gf-preview .gf-num{text-align:right}.gf-button:disabled{cursor:not-allowed;opacity:.55}.gf-dynamics-controls{flex-wrap:wrap;align-items:center;gap:4px 14px;display:inline-flex}.gf-slider{width:12em;accent-color:var(--gf-accent)}.gf-step-label{color:var(--gf-fg);font-variant-numeric:tabular-nums;white-space:nowrap}.gf-summary-panel{border-top:1px solid var(--gf-border);flex-shrink:0;max-height:32vh;padding:6px 12px;font-size:13px;overflow:auto}.gf-summary-panel>summary{cursor:pointer}.gf-summary-panel h2{margin:0;font-size:15px;font-weight:500;display:inline}.gf-summary-scroll{max-width:100%;overflow-x:auto}.gf-summary-table{border-collapse:collapse;font-variant-numeric:tabular-nums;font-size:12px}.gf-summary-table th,.gf-summary-table td{border-bottom:1px solid var(--gf-border);text-align:left;white-space:nowrap;padding:2px 8px}.gf-summary-table thead th{max-width:12em;color:var(--gf-muted);text-overflow:ellipsis;font-weight:500;overflow:hidden}.gf-summary-table tbody th{background:var(--gf-bg);font-weight:400;position:sticky;left:0}.gf-feature-row th{color:var(--gf-muted);padding-left:22px}.gf-summary-table .gf-num{text-align:right}.gf-heat{background:color-mix(in srgb, var(--gf-stub) calc(var(--gf-heat,0) * 40%), transparent)}.gf-row-selected>th,.gf-row-selected>td{font-weight:600}.gf-row-selected>th{box-shadow:inset 3px 0 0 var(--gf-accent)}.gf-cell-spark{vertical-align:middle;width:40px;height:12px;margin-right:4px}.gf-band-outer{fill-opacity:.06}.gf-std{fill:none;stroke:var(--gf-accent);stroke-width:.8px;stroke-dasharray:3 2}.gf-mean-line{fill:none;stroke:var(--gf-accent);stroke-width:1.5px}.gf-mean-dot{fill:var(--gf-accent)}.gf-mean-dot.gf-picked{fill:var(--gf-stub)}.gf-current{stroke:var(--gf-stub);stroke-width:1px}.gf-compare th,.gf-compare td{white-space:nowrap;vertical-align:top;padding-right:6px}.gf-change{color:var(--gf-muted);font-size:11px;display:block}.gf-compare tbody th{padding-left:6px;font-weight:400}.gf-run-name,.gf-scalar-head{text-overflow:ellipsis;max-width:7em;display:block;overflow:hidden}.gf-hidden-line{color:var(--gf-muted);font:inherit;text-align:left;cursor:help;background:0 0;border:0;margin:0 0 6px;padding:0;font-size:12px;-webkit-text-decoration:underline dotted;text-decoration:underline dotted;display:block}.gf-hidden-line[hidden]{display:none}.gf-hidden-mark{border:1px dashed var(--gf-border);border-radius:3px;padding:0 4px;font-size:11px}.gf-hidden-note{border-left:3px solid var(--gf-border);background:var(--gf-surface);margin:2px 0 6px;padding:4px 6px;font-size:12px}", t.head.append(e);
	}
	e.classList.add("graphfold"), Pc(e);
}
export { Rc as render };
