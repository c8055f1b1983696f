#!/usr/bin/env bash
# make-samples.sh — make the small REAL packet captures in public/samples/.
#
# Builds three network namespaces that mirror the simulator's FTP scenarios
#
#   cr-client  c0 192.0.2.10/24 ──── r-client 192.0.2.1/24   cr-router   (ip_forward=1)
#                                    r-server 198.51.100.1/24 ──── s0 198.51.100.20/24  cr-server
#
# runs real servers (vsftpd, python3 -m http.server) and clients (curl, python3 ftplib,
# ping, bash /dev/udp) in them with `ip netns exec`, captures with tcpdump / dumpcap on the
# router's interfaces like a router port would see it, converts with editcap, checks every
# file with capinfos / tshark, and tears everything down again.
#
# Writes to OUTDIR: ftp-passive.pcap, ftp-active.pcapng, ftp-pasv-ftplib.pcap,
# ftp-port-ftplib.pcapng (each with a <name>.conntrack.txt: what the real kernel's conntrack
# and FTP helper did under issue 6's ruleset), http-curl-cooked.pcap, http-curl-sll2.pcap,
# rawip-tunnel.pcap, vlan-arping.pcap, mixed-ping-arp.pcapng. public/samples/README.md
# (written by hand) describes them. Takes about a minute.
#
# All traffic stays inside the namespaces this script creates: no namespace has a default
# route, no NAT, nothing is connected to the host's interfaces. The socat UDP tunnel's tun
# devices live in the same namespaces and use the documentation range 203.0.113.0/24.
#
# Usage:  sudo scripts/samples/make-samples.sh [OUTDIR]      (default: public/samples)
# Needs:  apt-get install -y iproute2 tcpdump tshark vsftpd curl python3 ethtool socat \
#                             arping iputils-ping nftables conntrack
#         (tshark brings dumpcap, editcap, capinfos; DEBIAN_FRONTEND=noninteractive)
# Idempotent: leftover cr-* namespaces from an earlier run are removed first, and every
# output file is rewritten. Fails loudly (set -e, checks after every capture).
set -Eeuo pipefail

die() { echo "make-samples: ERROR: $*" >&2; exit 1; }
log() { echo "make-samples: $*" >&2; }

[ "$(id -u)" -eq 0 ] || die "must run as root (it creates network namespaces)"

for t in ip tcpdump dumpcap tshark editcap capinfos vsftpd curl python3 ethtool socat arping ping nft conntrack sha256sum ss; do
  command -v "$t" >/dev/null 2>&1 || die "missing tool: $t (see 'Needs' at the top of this script)"
done

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT=${1:-$REPO/public/samples}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
WORK=$(mktemp -d /tmp/cr-samples.XXXXXX)
chmod 755 "$WORK"

NS_C=cr-client NS_R=cr-router NS_S=cr-server
NSS=("$NS_C" "$NS_R" "$NS_S")

# Fixed, locally administered MAC addresses so the Ethernet headers are the same every run.
MAC_C=02:00:00:00:02:0a     # client c0
MAC_RC=02:00:00:00:02:01    # router r-client
MAC_RS=02:00:00:00:51:01    # router r-server
MAC_S=02:00:00:00:51:14     # server s0

C_IP=192.0.2.10 RC_IP=192.0.2.1 RS_IP=198.51.100.1 S_IP=198.51.100.20

# ---------------------------------------------------------------- teardown
kill_ns_procs() { # kill every process inside one of OUR namespaces (by pid)
  local ns=$1 pids
  pids=$(ip netns pids "$ns" 2>/dev/null || true)
  [ -n "$pids" ] || return 0
  # shellcheck disable=SC2086
  kill $pids 2>/dev/null || true
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    pids=$(ip netns pids "$ns" 2>/dev/null || true)
    [ -n "$pids" ] || return 0
    sleep 0.2
  done
  # shellcheck disable=SC2086
  kill -9 $pids 2>/dev/null || true
}

teardown() {
  local ns
  for ns in "${NSS[@]}"; do
    if ip netns list | awk '{print $1}' | grep -qx "$ns"; then
      kill_ns_procs "$ns"
      ip netns del "$ns"
    fi
  done
}

on_exit() {
  local rc=$?
  teardown || true
  if [ "$rc" -eq 0 ]; then rm -rf "$WORK"; else log "failed (rc=$rc); logs kept in $WORK"; fi
  exit "$rc"
}
trap on_exit EXIT

# ---------------------------------------------------------------- helpers
nsx() { local ns=$1; shift; ip netns exec "$ns" "$@"; }
# tshark, without its "Running as user root ... could be dangerous" warning
tshark() { command tshark "$@" 2> >(grep -v 'could be dangerous' >&2); }

# Wait until a TCP listener exists on PORT inside NS.
wait_listen() {
  local ns=$1 port=$2 i
  for i in $(seq 1 50); do
    if nsx "$ns" ss -Hltn "sport = :$port" | grep -q LISTEN; then return 0; fi
    sleep 0.1
  done
  die "nothing listens on port $port in $ns"
}

# start_tcpdump NS OUTFILE ARGS...  — tcpdump writes OUTFILE; sets CAP_PID, CAP_LOG.
# Not through nsx(): `ip netns exec` execs tcpdump, so $! is tcpdump's own pid.
# No --immediate-mode: with it, tcpdump on "any" and on tun devices lost packets here
# ("dropped by kernel"). Without it TPACKET_V3 hands packets over in blocks, at the latest
# after 1 s, so stop_capture waits 2 s before stopping the capture.
CAP_PID= CAP_LOG=
start_tcpdump() {
  local ns=$1 out=$2; shift 2
  CAP_LOG="$WORK/$(basename "$out").tcpdump.log"
  ip netns exec "$ns" tcpdump -Z root -U -n "$@" -w "$out" 2>"$CAP_LOG" &
  CAP_PID=$!
  wait_for_log "$CAP_LOG" "listening on" "$CAP_PID"
}
# start_dumpcap NS OUTFILE ARGS...  — dumpcap writes OUTFILE (pcapng); sets CAP_PID, CAP_LOG.
start_dumpcap() {
  local ns=$1 out=$2; shift 2
  CAP_LOG="$WORK/$(basename "$out").dumpcap.log"
  ip netns exec "$ns" dumpcap "$@" -w "$out" 2>"$CAP_LOG" &
  CAP_PID=$!
  wait_for_log "$CAP_LOG" "Capturing on" "$CAP_PID"
  sleep 0.3   # dumpcap prints before all capture threads are running
}
wait_for_log() {
  local f=$1 pat=$2 pid=$3 i
  for i in $(seq 1 100); do
    grep -q "$pat" "$f" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { cat "$f" >&2; die "capture process exited early"; }
    sleep 0.1
  done
  cat "$f" >&2; die "capture did not start"
}
stop_capture() {
  sleep 2                        # last FIN/ACKs, and TPACKET_V3's 1 s block timeout
  kill -TERM "$CAP_PID"          # tcpdump and dumpcap flush and close the file on SIGTERM
  local i
  for i in $(seq 1 50); do kill -0 "$CAP_PID" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$CAP_PID" 2>/dev/null && { kill -KILL "$CAP_PID"; die "capture did not stop on SIGTERM"; }
  wait "$CAP_PID" || true
  CAP_PID=
  # no packet may be lost by the capture itself
  if grep -q 'packets dropped by kernel' "$CAP_LOG"; then
    local captured received
    captured=$(awk '/packets? captured/ {print $1}' "$CAP_LOG")
    received=$(awk '/packets? received by filter/ {print $1}' "$CAP_LOG")
    grep -q '^0 packets dropped by kernel' "$CAP_LOG" && [ "$captured" = "$received" ] \
      || { cat "$CAP_LOG" >&2; die "tcpdump lost packets"; }
  elif grep -q 'received/dropped' "$CAP_LOG"; then
    if grep 'received/dropped' "$CAP_LOG" | grep -qv '/0 ('; then cat "$CAP_LOG" >&2; die "dumpcap dropped packets"; fi
  else
    cat "$CAP_LOG" >&2; die "no capture statistics in $CAP_LOG"
  fi
}

# Deterministic payload: byte i = i mod 251.
make_payload() { # FILE SIZE
  python3 -c 'import sys; n=int(sys.argv[2]); open(sys.argv[1],"wb").write(bytes(i % 251 for i in range(n)))' "$1" "$2"
}

check_same() { # EXPECTED GOT
  cmp -s "$1" "$2" || die "downloaded $2 differs from $1"
}

# ---------------------------------------------------------------- topology
build_topology() {
  teardown   # idempotent: remove leftovers of an earlier, interrupted run
  local ns
  for ns in "${NSS[@]}"; do
    ip netns add "$ns"
    nsx "$ns" ip link set lo up
    # No IPv6 by default (no router solicitations / MLD noise in the captures);
    # the mixed capture enables it on purpose.
    nsx "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  done

  nsx "$NS_R" ip link add r-client address "$MAC_RC" type veth peer name c0 address "$MAC_C"
  nsx "$NS_R" ip link add r-server address "$MAC_RS" type veth peer name s0 address "$MAC_S"
  nsx "$NS_R" ip link set c0 netns "$NS_C"
  nsx "$NS_R" ip link set s0 netns "$NS_S"

  # Real MTU-sized segments with valid checksums on the wire: no TSO/GSO/GRO super-packets,
  # no checksum offload (veth would otherwise hand over partial checksums).
  local pair
  for pair in "$NS_C:c0" "$NS_R:r-client" "$NS_R:r-server" "$NS_S:s0"; do
    nsx "${pair%%:*}" ethtool -K "${pair#*:}" tx off rx off tso off gso off gro off >/dev/null 2>&1 \
      || nsx "${pair%%:*}" ethtool -K "${pair#*:}" tx off tso off gso off
  done

  nsx "$NS_C" ip addr add "$C_IP/24" dev c0
  nsx "$NS_R" ip addr add "$RC_IP/24" dev r-client
  nsx "$NS_R" ip addr add "$RS_IP/24" dev r-server
  nsx "$NS_S" ip addr add "$S_IP/24" dev s0
  nsx "$NS_C" ip link set c0 up
  nsx "$NS_R" ip link set r-client up
  nsx "$NS_R" ip link set r-server up
  nsx "$NS_S" ip link set s0 up
  nsx "$NS_R" sysctl -qw net.ipv4.ip_forward=1

  # Routes only between the two prefixes. No default route anywhere.
  nsx "$NS_C" ip route add 198.51.100.0/24 via "$RC_IP" dev c0
  nsx "$NS_S" ip route add 192.0.2.0/24 via "$RS_IP" dev s0

  # Static neighbours: the FTP/HTTP captures contain no ARP. (The mixed capture removes them.)
  nsx "$NS_C" ip neigh replace "$RC_IP" lladdr "$MAC_RC" dev c0 nud permanent
  nsx "$NS_R" ip neigh replace "$C_IP" lladdr "$MAC_C" dev r-client nud permanent
  nsx "$NS_R" ip neigh replace "$S_IP" lladdr "$MAC_S" dev r-server nud permanent
  nsx "$NS_S" ip neigh replace "$RS_IP" lladdr "$MAC_RS" dev s0 nud permanent

  for ns in "${NSS[@]}"; do
    if nsx "$ns" ip route show default | grep -q .; then die "$ns has a default route"; fi
  done
  nsx "$NS_C" ping -q -c 1 -W 2 "$S_IP" >/dev/null || die "client cannot reach server through router"
}

# ---------------------------------------------------------------- servers
start_vsftpd() {
  mkdir -p "$WORK/ftproot" /var/run/vsftpd/empty
  chmod 755 "$WORK/ftproot"
  make_payload "$WORK/ftproot/file.bin" 102400
  cat >"$WORK/vsftpd.conf" <<EOF
listen=YES
listen_ipv6=NO
listen_address=$S_IP
background=NO
anonymous_enable=YES
no_anon_password=YES
anon_root=$WORK/ftproot
local_enable=NO
write_enable=NO
dirmessage_enable=NO
pasv_enable=YES
pasv_min_port=50000
pasv_max_port=50000
port_enable=YES
connect_from_port_20=YES
ftp_data_port=20
ftpd_banner=Checkpoint Router sample FTP server
secure_chroot_dir=/var/run/vsftpd/empty
seccomp_sandbox=NO
xferlog_enable=YES
vsftpd_log_file=$WORK/vsftpd.log
dual_log_enable=NO
EOF
  nsx "$NS_S" vsftpd "$WORK/vsftpd.conf" >"$WORK/vsftpd.out" 2>&1 &
  wait_listen "$NS_S" 21
}

start_http() {
  mkdir -p "$WORK/www"
  make_payload "$WORK/www/page.bin" 20000
  nsx "$NS_S" python3 -m http.server 80 --bind "$S_IP" --directory "$WORK/www" >"$WORK/http.log" 2>&1 &
  wait_listen "$NS_S" 80
}

# ---------------------------------------------------------------- kernel firewall (ground truth)
# During the four FTP captures the router runs the ruleset from issue 6's "Done when" with
# the real kernel's conntrack and FTP helper, and `conntrack -E` records what the kernel
# did: every TCP state change, the FTP helper's expectation, and (nft counters) that no
# packet was dropped. The capture point (AF_PACKET on r-client) sees packets before
# netfilter, so the rules do not change the captures; they only let them be checked.
FW_RULES='table ip cr_fw {
  ct helper ftp-standard {
    type "ftp" protocol tcp
  }
  chain fw_prerouting {
    type filter hook prerouting priority filter; policy accept;
    tcp dport 21 ct helper set "ftp-standard"
  }
  chain fw_forward {
    type filter hook forward priority filter; policy drop;
    ct state established,related counter accept
    tcp dport 21 ct state new counter accept
    counter
  }
}'
CT_PIDS=()
fw_start() {
  nsx "$NS_R" nft delete table ip cr_fw 2>/dev/null || true
  printf '%s\n' "$FW_RULES" | nsx "$NS_R" nft -f -
  nsx "$NS_R" conntrack -F >/dev/null 2>&1 || true
  nsx "$NS_R" conntrack -F expect >/dev/null 2>&1 || true
  ip netns exec "$NS_R" conntrack -E -o timestamp >"$WORK/ct-events.txt" 2>"$WORK/ct-events.err" &
  CT_PIDS=($!)
  ip netns exec "$NS_R" conntrack -E expect -o timestamp >"$WORK/ct-expect.txt" 2>"$WORK/ct-expect.err" &
  CT_PIDS+=($!)
  sleep 0.5   # subscribed before the first packet
}
# fw_finish OUTFILE TITLE: stop conntrack -E, check that nothing was dropped, write OUTFILE.
fw_finish() {
  local out=$1 title=$2 dropped
  kill -TERM "${CT_PIDS[@]}"
  wait "${CT_PIDS[@]}" 2>/dev/null || true
  CT_PIDS=()
  local ruleset; ruleset=$(nsx "$NS_R" nft list table ip cr_fw)
  dropped=$(printf '%s\n' "$ruleset" | awk '/^\t\tcounter packets/ {print $3}')
  [ "$dropped" = 0 ] || die "$title: the kernel firewall dropped $dropped packet(s)"
  grep -q 'ESTABLISHED' "$WORK/ct-events.txt" || die "$title: no conntrack events recorded"
  grep -q 'NEW' "$WORK/ct-expect.txt" || die "$title: the FTP helper created no expectation"
  {
    echo "# $title"
    echo "# What the real Linux kernel's conntrack did while this capture was taken, in cr-router"
    echo "# (kernel $(uname -r), nftables $(nft --version | awk '{print $2}'), conntrack-tools $(conntrack --version 2>&1 | awk '{print $2}'))."
    echo "# Made by scripts/samples/make-samples.sh. Timestamps are CLOCK_REALTIME seconds taken by"
    echo "# conntrack(8) when it received each event (the capture uses the same clock); conntrack 1.4.7"
    echo "# prints microseconds without leading zeros (\"%-6ld\"), the script zero-pads them."
    echo
    echo "## ruleset (nft list table ip cr_fw, after the capture: counters show nothing was dropped)"
    printf '%s\n' "$ruleset"
    echo
    echo "## conntrack -E -o timestamp   (connection events: NEW / UPDATE with the kernel's TCP state)"
    sed -E 's/^\[([0-9]+)\.([0-9]+) *\]/\1 \2/' "$WORK/ct-events.txt" | awk '{ printf "[%s.%06d]", $1, $2; $1=""; $2=""; sub(/^ +/, ""); print "\t" $0 }'
    echo
    echo "## conntrack -E expect -o timestamp   (the FTP helper's expectation for the data connection)"
    sed -E 's/^\[([0-9]+)\.([0-9]+) *\]/\1 \2/' "$WORK/ct-expect.txt" | awk '{ printf "[%s.%06d]", $1, $2; $1=""; $2=""; sub(/^ +/, ""); print "\t" $0 }'
  } >"$out"
  chmod 644 "$out"
  nsx "$NS_R" nft delete table ip cr_fw
}

# ---------------------------------------------------------------- captures
cap_ftp_passive() { # curl, EPSV, classic pcap, microseconds, Ethernet, router client side
  local raw="$WORK/ftp-passive.pcap"
  fw_start
  start_tcpdump "$NS_R" "$raw" -i r-client --time-stamp-precision=micro
  nsx "$NS_C" curl -sS --max-time 20 --local-port 40021-40029 \
    -o "$WORK/got-passive.bin" "ftp://$S_IP/file.bin"
  stop_capture
  fw_finish "$OUT/ftp-passive.conntrack.txt" "ftp-passive.pcap: curl, passive (EPSV)"
  check_same "$WORK/ftproot/file.bin" "$WORK/got-passive.bin"
  install -m 644 "$raw" "$OUT/ftp-passive.pcap"
}

cap_ftp_active() { # curl -P, EPRT, pcapng with nanosecond if_tsresol
  local raw="$WORK/ftp-active-ns.pcap"
  fw_start
  start_tcpdump "$NS_R" "$raw" -i r-client --time-stamp-precision=nano
  nsx "$NS_C" curl -sS --max-time 20 --local-port 40031-40039 -P "$C_IP:40040-40049" \
    -o "$WORK/got-active.bin" "ftp://$S_IP/file.bin"
  stop_capture
  fw_finish "$OUT/ftp-active.conntrack.txt" "ftp-active.pcapng: curl -P, active (EPRT)"
  check_same "$WORK/ftproot/file.bin" "$WORK/got-active.bin"
  editcap -F pcapng "$raw" "$OUT/ftp-active.pcapng" && chmod 644 "$OUT/ftp-active.pcapng"
}

ftplib_get() { # MODE(pasv|port) CONTROL_PORT DATA_PORT OUTFILE
  # Stock ftplib, only with fixed client ports so that the facts in README.md hold on every
  # run: the control connection's source port, and in passive mode the data connection's
  # source port (source_address) / in active mode the port announced by PORT (makeport).
  nsx "$NS_C" python3 - "$@" "$S_IP" "$C_IP" <<'PY'
import ftplib, socket, sys
mode, cport, dport, out, server, me = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6]

class FTP(ftplib.FTP):
    def makeport(self):                       # ftplib's own, but on a fixed port
        sock = socket.create_server((me, dport))
        self.sendport(me, dport)              # sends "PORT h1,h2,h3,h4,p1,p2"
        sock.settimeout(self.timeout)
        return sock

f = FTP(timeout=20, source_address=(me, cport))
f.connect(server, 21)
f.source_address = (me, dport)                # passive data connection's source port
f.login()                                     # anonymous
f.set_pasv(mode == "pasv")                    # IPv4: PASV (227) or PORT
buf = bytearray()
f.retrbinary("RETR file.bin", buf.extend)
f.quit()
open(out, "wb").write(buf)
PY
}

cap_ftp_pasv_ftplib() { # python ftplib, PASV/227, classic pcap, NANOseconds (magic a1b23c4d)
  local raw="$WORK/ftp-pasv-ftplib.pcap"
  fw_start
  start_tcpdump "$NS_R" "$raw" -i r-client --time-stamp-precision=nano
  ftplib_get pasv 40051 40052 "$WORK/got-pasv.bin"
  stop_capture
  fw_finish "$OUT/ftp-pasv-ftplib.conntrack.txt" "ftp-pasv-ftplib.pcap: python3 ftplib, passive (PASV)"
  check_same "$WORK/ftproot/file.bin" "$WORK/got-pasv.bin"
  install -m 644 "$raw" "$OUT/ftp-pasv-ftplib.pcap"
}

cap_ftp_port_ftplib() { # python ftplib, PORT, pcapng nanoseconds
  local raw="$WORK/ftp-port-ftplib-ns.pcap"
  fw_start
  start_tcpdump "$NS_R" "$raw" -i r-client --time-stamp-precision=nano
  ftplib_get port 40061 40062 "$WORK/got-port.bin"
  stop_capture
  fw_finish "$OUT/ftp-port-ftplib.conntrack.txt" "ftp-port-ftplib.pcapng: python3 ftplib, active (PORT)"
  check_same "$WORK/ftproot/file.bin" "$WORK/got-port.bin"
  editcap -F pcapng "$raw" "$OUT/ftp-port-ftplib.pcapng" && chmod 644 "$OUT/ftp-port-ftplib.pcapng"
}

cap_http_cooked() { # -i any in the router: Linux cooked v1 (113) and v2 (276)
  local raw="$WORK/http-curl-cooked.pcap"
  # filter "inbound": only the copy a packet has when it ENTERS the router, so each packet
  # is in the file once (on "any", a forwarded packet is otherwise seen on both interfaces).
  # A BPF filter (not -Q in) so that tcpdump's "received by filter" can be checked.
  start_tcpdump "$NS_R" "$raw" -i any -y LINUX_SLL inbound
  nsx "$NS_C" curl -sS --max-time 20 --local-port 40080 -o "$WORK/got-http1.bin" "http://$S_IP/page.bin"
  stop_capture
  check_same "$WORK/www/page.bin" "$WORK/got-http1.bin"
  install -m 644 "$raw" "$OUT/http-curl-cooked.pcap"

  raw="$WORK/http-curl-sll2.pcap"
  start_tcpdump "$NS_R" "$raw" -i any -y LINUX_SLL2 inbound
  nsx "$NS_C" curl -sS --max-time 20 --local-port 40081 -o "$WORK/got-http2.bin" "http://$S_IP/page.bin"
  stop_capture
  check_same "$WORK/www/page.bin" "$WORK/got-http2.bin"
  install -m 644 "$raw" "$OUT/http-curl-sll2.pcap"
}

cap_rawip_tunnel() { # LINKTYPE_RAW (101): capture on a tun device (socat UDP tunnel)
  # socat in each end namespace: tun "crtun0" <-> UDP 192.0.2.10:5555 <-> 198.51.100.20:5555
  nsx "$NS_S" socat "UDP:$C_IP:5555,bind=$S_IP:5555" \
    "TUN:203.0.113.20/24,tun-name=crtun0,iff-no-pi,iff-up" >"$WORK/socat-s.log" 2>&1 &
  nsx "$NS_C" socat "UDP:$S_IP:5555,bind=$C_IP:5555" \
    "TUN:203.0.113.10/24,tun-name=crtun0,iff-no-pi,iff-up" >"$WORK/socat-c.log" 2>&1 &
  local i
  for i in $(seq 1 50); do
    nsx "$NS_C" ip link show crtun0 >/dev/null 2>&1 && nsx "$NS_S" ip link show crtun0 >/dev/null 2>&1 && break
    sleep 0.1
  done
  # outer UDP header would push 1500-byte inner packets past the veth MTU
  nsx "$NS_C" ip link set crtun0 mtu 1400
  nsx "$NS_S" ip link set crtun0 mtu 1400
  nsx "$NS_S" python3 -m http.server 8080 --bind 203.0.113.20 --directory "$WORK/www" >"$WORK/http-tun.log" 2>&1 &
  wait_listen "$NS_S" 8080
  nsx "$NS_C" ping -q -c 1 -W 2 203.0.113.20 >/dev/null || die "tunnel does not work"
  sleep 0.3

  local raw="$WORK/rawip-tunnel.pcap"
  start_tcpdump "$NS_C" "$raw" -i crtun0
  nsx "$NS_C" ping -q -c 2 -i 0.2 203.0.113.20 >/dev/null
  nsx "$NS_C" curl -sS --max-time 20 --local-port 40090 -o "$WORK/got-tun.bin" "http://203.0.113.20:8080/page.bin"
  stop_capture
  check_same "$WORK/www/page.bin" "$WORK/got-tun.bin"
  install -m 644 "$raw" "$OUT/rawip-tunnel.pcap"
}

cap_vlan() { # 802.1Q tags, from arping's own VLAN support
  # This kernel has no 8021q module, no bridge VLAN filtering and no tc vlan action, so no
  # namespace can terminate a VLAN. arping (Thomas Habets' arping) writes the 802.1Q header
  # itself: the tagged ARP requests really cross the veth and the router's port sees them
  # (libpcap re-inserts the tag that the kernel moved to packet metadata). Nobody answers:
  # the router has no interface in VLAN 100.
  local raw="$WORK/vlan-arping.pcap"
  start_tcpdump "$NS_R" "$raw" -i r-client
  nsx "$NS_C" arping -q -c 2 -w 1 -V 100 -Q 3 -i c0 -S "$C_IP" "$RC_IP" >/dev/null 2>&1 || true
  stop_capture
  install -m 644 "$raw" "$OUT/vlan-arping.pcap"
}

cap_mixed() { # ICMP, ARP, UDP, ICMP error, IPv6+ICMPv6/NDP; one pcapng, two interfaces
  # IPv6 on the four main interfaces, no DAD / RA / RS so that only what we send appears.
  local pair ns dev
  for pair in "$NS_C:c0" "$NS_R:r-client" "$NS_R:r-server" "$NS_S:s0"; do
    ns=${pair%%:*} dev=${pair#*:}
    nsx "$ns" sysctl -qw "net.ipv6.conf.$dev.accept_dad=0" "net.ipv6.conf.$dev.accept_ra=0" \
      "net.ipv6.conf.$dev.router_solicitations=0" "net.ipv6.conf.$dev.disable_ipv6=0"
  done
  nsx "$NS_R" sysctl -qw net.ipv6.conf.all.forwarding=1
  nsx "$NS_C" ip -6 addr add 2001:db8:2::10/64 dev c0 nodad
  nsx "$NS_R" ip -6 addr add 2001:db8:2::1/64 dev r-client nodad
  nsx "$NS_R" ip -6 addr add 2001:db8:51::1/64 dev r-server nodad
  nsx "$NS_S" ip -6 addr add 2001:db8:51::20/64 dev s0 nodad
  nsx "$NS_C" ip -6 route add 2001:db8:51::/64 via 2001:db8:2::1 dev c0
  nsx "$NS_S" ip -6 route add 2001:db8:2::/64 via 2001:db8:51::1 dev s0
  sleep 3   # let the MLD reports that enabling IPv6 sends go by before capturing

  # Forget the static IPv4 neighbours: the capture shows real ARP.
  nsx "$NS_C" ip neigh flush dev c0 nud all
  nsx "$NS_R" ip neigh flush dev r-client nud all
  nsx "$NS_R" ip neigh flush dev r-server nud all
  nsx "$NS_S" ip neigh flush dev s0 nud all
  nsx "$NS_C" ip -6 neigh flush dev c0 nud all || true
  nsx "$NS_R" ip -6 neigh flush dev r-client nud all || true
  nsx "$NS_R" ip -6 neigh flush dev r-server nud all || true
  nsx "$NS_S" ip -6 neigh flush dev s0 nud all || true

  local raw="$WORK/mixed-ping-arp.pcapng"
  start_dumpcap "$NS_R" "$raw" -q -i r-client -i r-server
  nsx "$NS_C" ping -q -c 3 -i 0.2 -W 2 "$S_IP" >/dev/null || die "IPv4 ping failed"
  nsx "$NS_C" bash -c "echo checkpoint-router > /dev/udp/$S_IP/9"  # closed port: ICMP port unreachable
  sleep 0.2
  nsx "$NS_C" ping -q -6 -c 3 -i 0.2 -W 2 2001:db8:51::20 >/dev/null || die "IPv6 ping failed"
  stop_capture
  install -m 644 "$raw" "$OUT/mixed-ping-arp.pcapng"
}

# ---------------------------------------------------------------- verification
verify() {
  local f
  for f in "$@"; do
    [ -s "$OUT/$f" ] || die "$f is missing or empty"
    capinfos -t -E -c -s -i "$OUT/$f" >/dev/null || die "capinfos cannot read $f"
    tshark -r "$OUT/$f" -q -z io,phs >/dev/null || die "tshark cannot read $f"
    [ "$(stat -c %s "$OUT/$f")" -lt 307200 ] || die "$f is 300 KB or more"
  done
  # The facts README.md states. FTP: the command that announced the data connection, its
  # reply, and the data connection's first SYN (who opens it, which ports).
  local SYN='tcp.flags.syn==1 && tcp.flags.ack==0'
  expect_frame ftp-passive.pcap 'ftp.request.command == "EPSV"'
  expect_frame ftp-passive.pcap 'ftp.response.code == 229 && ftp.response.arg contains "|||50000|"'
  expect_frame ftp-passive.pcap "$SYN && ip.src==$C_IP && tcp.srcport==40021 && ip.dst==$S_IP && tcp.dstport==21"
  expect_frame ftp-passive.pcap "$SYN && ip.src==$C_IP && tcp.srcport==40022 && ip.dst==$S_IP && tcp.dstport==50000"
  expect_frame ftp-active.pcapng 'ftp.request.command == "EPRT" && ftp.request.arg == "|1|192.0.2.10|40040|"'
  expect_frame ftp-active.pcapng "$SYN && ip.src==$C_IP && tcp.srcport==40031 && ip.dst==$S_IP && tcp.dstport==21"
  expect_frame ftp-active.pcapng "$SYN && ip.src==$S_IP && tcp.srcport==20 && ip.dst==$C_IP && tcp.dstport==40040"
  expect_frame ftp-pasv-ftplib.pcap 'ftp.request.command == "PASV"'
  expect_frame ftp-pasv-ftplib.pcap 'ftp.response.code == 227 && ftp.response.arg contains "(198,51,100,20,195,80)"'
  expect_frame ftp-pasv-ftplib.pcap "$SYN && ip.src==$C_IP && tcp.srcport==40051 && ip.dst==$S_IP && tcp.dstport==21"
  expect_frame ftp-pasv-ftplib.pcap "$SYN && ip.src==$C_IP && tcp.srcport==40052 && ip.dst==$S_IP && tcp.dstport==50000"
  expect_frame ftp-port-ftplib.pcapng 'ftp.request.command == "PORT" && ftp.request.arg == "192,0,2,10,156,126"'
  expect_frame ftp-port-ftplib.pcapng "$SYN && ip.src==$C_IP && tcp.srcport==40061 && ip.dst==$S_IP && tcp.dstport==21"
  expect_frame ftp-port-ftplib.pcapng "$SYN && ip.src==$S_IP && tcp.srcport==20 && ip.dst==$C_IP && tcp.dstport==40062"
  for f in ftp-passive.pcap ftp-active.pcapng ftp-pasv-ftplib.pcap ftp-port-ftplib.pcapng; do
    expect_frame "$f" 'ftp.response.code == 226'
    if tshark -r "$OUT/$f" -Y 'arp || ipv6 || icmp || udp' | grep -q .; then die "$f has other than IPv4/TCP"; fi
  done
  # The transferred file is complete in the capture (TCP reassembly by tshark), byte i = i % 251.
  check_payload ftp-passive.pcap 1 102400 exact
  check_payload ftp-active.pcapng 1 102400 exact
  check_payload ftp-pasv-ftplib.pcap 1 102400 exact
  check_payload ftp-port-ftplib.pcapng 1 102400 exact
  check_payload http-curl-cooked.pcap 0 20000 tail
  check_payload http-curl-sll2.pcap 0 20000 tail
  check_payload rawip-tunnel.pcap 0 20000 tail
  expect_frame http-curl-cooked.pcap "$SYN && ip.src==$C_IP && tcp.srcport==40080 && tcp.dstport==80"
  expect_frame http-curl-sll2.pcap "$SYN && ip.src==$C_IP && tcp.srcport==40081 && tcp.dstport==80"
  expect_frame rawip-tunnel.pcap "$SYN && ip.src==203.0.113.10 && tcp.srcport==40090 && tcp.dstport==8080"
  expect_frame rawip-tunnel.pcap 'icmp.type == 0'
  expect_frame vlan-arping.pcap 'vlan.id == 100 && vlan.priority == 3 && arp.opcode == 1'
  expect_frame mixed-ping-arp.pcapng 'arp.opcode == 2'
  expect_frame mixed-ping-arp.pcapng 'icmp.type == 0'
  expect_frame mixed-ping-arp.pcapng 'icmp.type == 3 && icmp.code == 3'
  expect_frame mixed-ping-arp.pcapng 'icmpv6.type == 129'
  expect_frame mixed-ping-arp.pcapng 'icmpv6.type == 136'
  expect_frame mixed-ping-arp.pcapng 'frame.interface_id == 1'
}

check_payload() { # FILE TCP-STREAM SIZE exact|tail: the stream's bigger direction carries the pattern
  tshark -r "$OUT/$1" -q -z "follow,tcp,raw,$2" | python3 -c '
import sys
size, how = int(sys.argv[1]), sys.argv[2]
a, b = [], []
for line in sys.stdin:
    if line.startswith("\t"): b.append(line.strip())
    elif line.strip() and all(c in "0123456789abcdef" for c in line.strip()): a.append(line.strip())
data = max(bytes.fromhex("".join(a)), bytes.fromhex("".join(b)), key=len)
want = bytes(i % 251 for i in range(size))
ok = data == want if how == "exact" else data.endswith(want)
sys.exit(0 if ok else 1)' "$3" "$4" || die "$1: TCP stream $2 does not carry the complete $3-byte file"
}

expect_frame() { # FILE DISPLAY-FILTER: at least one frame must match
  tshark -r "$OUT/$1" -Y "$2" | grep -q . || die "$1: no frame matches: $2"
}

# ---------------------------------------------------------------- main
FILES=(ftp-passive.pcap ftp-active.pcapng ftp-pasv-ftplib.pcap ftp-port-ftplib.pcapng
       http-curl-cooked.pcap http-curl-sll2.pcap rawip-tunnel.pcap vlan-arping.pcap
       mixed-ping-arp.pcapng)

log "versions: $(tcpdump --version 2>&1 | head -1); $(tshark --version | head -1); $(curl --version | head -1 | cut -d' ' -f1-2); $(python3 --version)"
log "building namespaces"
build_topology
start_vsftpd
start_http
log "ftp passive (curl, EPSV)";        cap_ftp_passive
log "ftp active (curl -P, EPRT)";      cap_ftp_active
log "ftp passive (ftplib, PASV)";      cap_ftp_pasv_ftplib
log "ftp active (ftplib, PORT)";       cap_ftp_port_ftplib
log "http over -i any (SLL, SLL2)";    cap_http_cooked
log "raw IP on a tun device";          cap_rawip_tunnel
log "802.1Q (arping -V)";              cap_vlan
log "mixed ping/ARP/IPv6, 2 interfaces"; cap_mixed
log "tearing down"
teardown
log "verifying"
verify "${FILES[@]}"
for f in "${FILES[@]}"; do
  printf '%-26s %8s bytes  %s\n' "$f" "$(stat -c %s "$OUT/$f")" "$(sha256sum "$OUT/$f" | cut -c1-16)"
done
log "done: files in $OUT"
