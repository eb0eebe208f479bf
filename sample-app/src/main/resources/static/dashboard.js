// Live view of /actuator/bufferpool: polls once a second, keeps five minutes of history,
// derives per-second rates from the counters, and draws them with uPlot. window.dashboard
// exposes the state for the browser test.
(function () {
	'use strict';

	const HISTORY = 300;
	const history = { time: [], active: [], idle: [], max: [], hitRatio: [], misses: [], drops: [], retained: [],
		p50: [], p99: [], maxUsed: [], recommended: [], leaks: [], holdP50: [], holdP99: [], holdMax: [] };
	let previous = null;
	let latest = null;

	function chart(element, series, formatValue, yRange) {
		const opts = {
			width: Math.max(320, element.parentElement.clientWidth - 16), height: 180,
			scales: { x: { time: true }, y: yRange ? { range: yRange } : { range: (u, min, max) => [0, Math.max(max, 1) * 1.1] } },
			series: [{}].concat(series.map((s) => ({ label: s.label, stroke: s.color, width: 2,
				value: (u, v) => (v == null ? '–' : formatValue(v)) }))),
			axes: [{}, { values: (u, values) => values.map(formatValue), size: 70 }],
		};
		return new uPlot(opts, [[]].concat(series.map(() => [])), element);
	}

	const number = (v) => (Math.round(v * 100) / 100).toLocaleString();
	const percent = (v) => (v * 100).toFixed(1) + '%';
	function bytes(v) {
		const units = ['B', 'KB', 'MB', 'GB'];
		let i = 0;
		while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
		return (Math.round(v * 10) / 10) + units[i];
	}

	// Hold times arrive in seconds (Micrometer's base unit).
	function duration(v) {
		if (v >= 1) {
			return (Math.round(v * 100) / 100) + ' s';
		}
		if (v >= 0.001) {
			return (Math.round(v * 1e4) / 10) + ' ms';
		}
		return Math.round(v * 1e6) + ' µs';
	}

	const charts = {
		buffers: chart(document.getElementById('chart-buffers'), [
			{ label: 'active', color: '#2563eb' }, { label: 'idle', color: '#16a34a' },
			{ label: 'max', color: '#9ca3af' }], number),
		hitRatio: chart(document.getElementById('chart-hit-ratio'), [{ label: 'hit ratio', color: '#7c3aed' }], percent,
			[0, 1]),
		rates: chart(document.getElementById('chart-rates'), [
			{ label: 'misses/s', color: '#ea580c' }, { label: 'drops/s', color: '#dc2626' }], number),
		retained: chart(document.getElementById('chart-retained'), [{ label: 'retained', color: '#0891b2' }], bytes),
		usage: chart(document.getElementById('chart-usage'), [
			{ label: 'p50', color: '#16a34a' }, { label: 'p99', color: '#ea580c' },
			{ label: 'max', color: '#dc2626' }, { label: 'recommended', color: '#2563eb' }], bytes),
		leaks: chart(document.getElementById('chart-leaks'), [{ label: 'leaks', color: '#b42318' }], number),
		hold: chart(document.getElementById('chart-hold'), [
			{ label: 'p50', color: '#16a34a' }, { label: 'p99', color: '#ea580c' },
			{ label: 'max', color: '#dc2626' }], duration,
			// Holds are fractions of a second: scale to the data, from 1 ms up.
			(u, min, max) => [0, Math.max(max, 0.001) * 1.1]),
	};

	function push(key, value) {
		history[key].push(value);
		if (history[key].length > HISTORY) {
			history[key].shift();
		}
	}

	function record(stats, now) {
		let hitRatio = null, misses = 0, drops = 0;
		if (previous) {
			const seconds = Math.max(now - previous.time, 0.001);
			const acquired = stats.acquisitions - previous.stats.acquisitions;
			hitRatio = acquired > 0 ? (stats.hits - previous.stats.hits) / acquired : null;
			misses = (stats.misses - previous.stats.misses) / seconds;
			drops = (stats.dropped - previous.stats.dropped) / seconds;
		}
		previous = { time: now, stats: stats };
		push('time', now);
		push('active', stats.active);
		push('idle', stats.idle);
		push('max', stats.maxPoolSize);
		push('hitRatio', hitRatio);
		push('misses', misses);
		push('drops', drops);
		push('retained', stats.retainedBytes);
		push('p50', stats.usage.p50);
		push('p99', stats.usage.p99);
		push('maxUsed', stats.usage.max);
		push('recommended', stats.usage.recommendedBufferSize);
		push('leaks', stats.leaks);
		push('holdP50', stats.hold.p50);
		push('holdP99', stats.hold.p99);
		push('holdMax', stats.hold.max);
		return { misses: misses, drops: drops };
	}

	function render(stats, rates) {
		document.getElementById('name').textContent = "'" + stats.name + "'";
		const pooling = document.getElementById('pooling');
		pooling.textContent = stats.poolingEnabled ? 'pooling on' : 'pooling off';
		pooling.className = 'badge ' + (stats.poolingEnabled ? 'on' : 'off');
		document.getElementById('toggle').textContent = stats.poolingEnabled ? 'Switch pooling off' : 'Switch pooling on';
		document.getElementById('tile-buffers').textContent = stats.active + ' / ' + stats.idle + ' / ' + stats.maxPoolSize;
		document.getElementById('tile-hit-ratio').textContent = percent(stats.hitRatio);
		document.getElementById('tile-rates').textContent = number(rates.misses) + ' / ' + number(rates.drops);
		document.getElementById('tile-retained').textContent = bytes(stats.retainedBytes);
		document.getElementById('tile-leaks').textContent = stats.leaks;
		document.getElementById('tile-recommended').textContent = bytes(stats.usage.recommendedBufferSize);
		document.getElementById('tile-hold').textContent = stats.hold.samples > 0 ? duration(stats.hold.p99) : '–';
		document.getElementById('recommendation').textContent = stats.usage.recommendation;
		document.getElementById('sizing-detail').textContent = '(' + stats.usage.samples.toLocaleString()
			+ ' requests measured; ' + stats.usage.grown.toLocaleString() + ' grew past buffer-size '
			+ bytes(stats.bufferSize) + '; ' + stats.usage.droppedTooLarge.toLocaleString()
			+ ' dropped as larger than ' + bytes(stats.maxRetainedSize) + ')';
		charts.buffers.setData([history.time, history.active, history.idle, history.max]);
		charts.hitRatio.setData([history.time, history.hitRatio]);
		charts.rates.setData([history.time, history.misses, history.drops]);
		charts.retained.setData([history.time, history.retained]);
		charts.usage.setData([history.time, history.p50, history.p99, history.maxUsed, history.recommended]);
		charts.leaks.setData([history.time, history.leaks]);
		charts.hold.setData([history.time, history.holdP50, history.holdP99, history.holdMax]);
	}

	async function poll() {
		try {
			const response = await fetch('/actuator/bufferpool', { headers: { Accept: 'application/json' } });
			if (!response.ok) {
				throw new Error('HTTP ' + response.status);
			}
			const stats = await response.json();
			latest = stats;
			render(stats, record(stats, Date.now() / 1000));
			document.body.dataset.polls = String(Number(document.body.dataset.polls) + 1);
		}
		catch (error) {
			showStatus('Cannot read /actuator/bufferpool: ' + error.message, true);
		}
	}

	function showStatus(message, isError) {
		const status = document.getElementById('status');
		status.textContent = message;
		status.className = isError ? 'error' : 'ok';
	}

	async function write(method, body, done) {
		const user = document.getElementById('user').value;
		const password = document.getElementById('password').value;
		// X-Requested-With makes Spring Security answer a wrong password with a bare 401,
		// without the challenge that would make the browser pop up its own login dialog.
		const headers = { Accept: 'application/json', Authorization: 'Basic ' + btoa(user + ':' + password),
			'X-Requested-With': 'XMLHttpRequest' };
		if (body) {
			headers['Content-Type'] = 'application/json';
		}
		const response = await fetch('/actuator/bufferpool', { method: method, headers: headers,
			body: body ? JSON.stringify(body) : undefined });
		if (response.status === 401) {
			showStatus('401 Unauthorized: wrong user or password; nothing was changed.', true);
			return;
		}
		if (!response.ok) {
			showStatus('HTTP ' + response.status + ': nothing was changed.', true);
			return;
		}
		const stats = await response.json();
		showStatus(done(stats), false);
		poll();
	}

	document.getElementById('toggle').addEventListener('click', () => {
		const enable = latest ? !latest.poolingEnabled : false;
		write('POST', { poolingEnabled: enable },
			(stats) => 'Pooling is now ' + (stats.poolingEnabled ? 'on' : 'off') + '.');
	});
	document.getElementById('drain').addEventListener('click', () => {
		write('DELETE', null, (stats) => 'Drained: ' + stats.idle + ' idle buffers left.');
	});

	window.dashboard = { charts: charts, history: history };
	poll();
	setInterval(poll, 1000);
})();
