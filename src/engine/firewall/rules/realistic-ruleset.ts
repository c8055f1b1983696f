/**
 * A ruleset as `nft -a list ruleset` prints it on a small Linux router (nftables 1.0): tabs,
 * `# handle N` comments, counters with the kernel's totals, log prefixes, helper objects with
 * l3proto, an input chain. Used by the tests, and handy as a sample for the app.
 */
export const REALISTIC_RULESET = `table inet filter { # handle 1
	ct helper ftp-standard { # handle 4
		type "ftp" protocol tcp
		l3proto inet
	}

	ct helper sip-5060 { # handle 5
		type "sip" protocol udp
		l3proto inet
	}

	chain prerouting { # handle 1
		type filter hook prerouting priority filter; policy accept;
		tcp dport 21 ct helper set "ftp-standard" # handle 9
		udp dport 5060 ct helper set "sip-5060" # handle 10
	}

	chain input { # handle 2
		type filter hook input priority filter; policy drop;
		ct state established,related accept # handle 11
		ct state invalid drop # handle 12
		iif "lo" accept # handle 13
		ip protocol icmp accept # handle 14
		iifname "eth1" tcp dport 22 ct state new counter packets 3 bytes 180 accept # handle 15
		log prefix "nft input drop: " level info counter packets 41 bytes 2993 # handle 16
	}

	chain forward { # handle 3
		type filter hook forward priority filter; policy drop;
		ct state established,related counter packets 152342 bytes 201443212 accept # handle 17
		ct state invalid counter packets 7 bytes 420 drop # handle 18
		ip saddr { 192.0.2.66, 203.0.113.0/24 } counter packets 0 bytes 0 drop # handle 19
		iifname "eth1" oifname "eth0" tcp dport { 20-21, 80, 443 } ct state new accept # handle 20
		iifname "eth1" oifname "eth0" udp dport 5060 accept # handle 21
		iifname "eth1" oifname "eth0" meta l4proto icmp accept # handle 22
		tcp dport 23 reject with tcp reset # handle 23
		log prefix "nft forward drop: " counter packets 12 bytes 720 # handle 24
	}

	chain output { # handle 4
		type filter hook output priority filter; policy accept;
	}
}
`;
