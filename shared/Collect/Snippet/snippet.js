/*docs/collector.md*/
((w,d,n)=>{
let A=w.pq,Q=[],H=[],R=[],T={},E={},U,O={},D,I,L,V,X='{}',tm,oa=Object.assign,
K='fbclid gclid gbraid wbraid dclid ttclid msclkid ScCid epik rdt_cid li_fat_id twclid'.split(' '),
C='_fbc _fbp _ttp _gcl_aw _gcl_gb _gcl_ag _ga _scid _epik _rdt_uuid _uetmsclkid li_fat_id _twclid'.split(' '),
now=Date.now,
rid=()=>now().toString(36)+Math.random().toString(36).slice(2),
sq=s=>(s||'').split(/[?#]/)[0],
qp=(s,k)=>(s.match('[?&]'+k+'=([^&#]*)')||[])[1],
gc=k=>{try{return(d.cookie.match('(^|; )'+k+'=([^;]*)')||[])[2]}catch(e){}},
sc=(k,v,a=90)=>{try{d.cookie=k+'='+v+';path=/;max-age='+a*864e2+(D?';domain='+D:'')+(location.protocol=='https:'?';Secure':'')}catch(e){}},
dom=()=>{let h=location.hostname.split('.'),j=1;for(I=h.length-1;++j<=h.length;D='')if(D=h.slice(-j).join('.'),sc('_pqt',1,1),gc('_pqt'))return sc('_pqt','',0),I=j-1},
g=b=>b?'granted':'denied',
cs=()=>{let c={};
for(let x of w.dataLayer||[])x&&x[0]=='consent'&&!(x[2]||{}).region&&oa(c,x[2]);
for(let f of A.cs)f(c);
oa(c,T);n.globalPrivacyControl&&(c.sale_of_data_opt_out=!0);return oa(c,E)},
ok=()=>{let a=cs().ad_storage;return a?a=='granted':!O.r},
st=h=>{I==null&&dom();let f=h.ck.fbclid,c=gc('_fbc');
V=V||gc('_pvid')||rid();sc('_pvid',V,400);
f&&(c||'').split('.')[3]!=f&&(c=`fb.${I}.${h.ts}.${f}`);c&&sc('_fbc',c);
sc('_fbp',gc('_fbp')||`fb.${I}.${h.ts}.${(1+Math.random()+'').slice(2,12)}`)},
jar=()=>{let c={};for(let k of C)gc(k)&&(c[k]=gc(k));return c},
page=()=>{let s=location.search,h={t:'hit',ts:now(),pv:rid(),u:location.href,r:d.referrer,ck:{}};
for(let k of K){let v=qp(s,k)||qp(h.r,k);v&&v.length<501&&(h.ck[k]=v)}
if(ok())st(h),h.c=jar(),Q.push(h);else L=L||h,Q.push({t:'hit',ts:h.ts,pv:h.pv,u:sq(h.u),r:sq(h.r),a:1});go()},
go=()=>tm||(tm=setTimeout(()=>fl(tm=0),500)),
fl=h=>{let k=ok(),c=cs(),e,b,z,j=JSON.stringify(c);
j!=X&&(X=j,Q.push(oa({t:'cs',ts:now()},c)));
if(k)L&&(st(L),L.c=jar(),Q.push(L),L=0),Q.push(...H.splice(0));
if(!U||!(Q=R.concat(Q)).length)return;
R=[];e=Q.splice(0,20);z=()=>R=R.concat(e).slice(-20);b=JSON.stringify({v:1,vid:k&&V||null,a:+!k,e});
h&&n.sendBeacon&&n.sendBeacon(U,b)||fetch(U,{method:'POST',keepalive:!0,credentials:'include',body:b})
.then(r=>r.status>499?z():r.json().then(j=>A.vid(j.vid),z=>0),z);
Q.length&&(h?fl(h):go())};
if(A&&A.init)return;
let q=A||[];
A=w.pq={
init(o){if(U)return A;O=o;O.r=o.consentRequired||/^(EEA|UK)$/.test(o.region);U=o.endpoint.replace(/\/$/,'')+'/h';
w.__tcfapi&&__tcfapi('addEventListener',2,(t,s)=>{if(s){let p=t.purpose.consents,y=g(p[1]&&p[7]);T=t.gdprApplies===!1?{}:{ad_storage:y,ad_user_data:y,ad_personalization:g(p[3]&&p[4])};go()}});
for(let e of['pagehide','visibilitychange'])addEventListener(e,()=>fl(1));
o.shopify?A.shopify(o.shopify):page();return A},
page,
track(n,p={},o={}){let i=o.eventId||rid();Q.push({t:'ev',ts:now(),n,id:i,p,u:o.url||(ok()?location.href:sq(location.href)),x:o.x});o.pixels&&A.pixels(n,p,i);go();return i},
pixels(n,p,i){w.fbq&&fbq('track',n,p,{eventID:i});w.ttq&&ttq.track(n,p,{event_id:i});w.gtag&&gtag('event',n.replace(/(.)([A-Z])/g,'$1_$2').toLowerCase(),oa({},p,{transaction_id:i}))},
identify(o){H.push(oa({t:'id',ts:now()},o));go()},
consent(c){oa(E,c);go()},
granted:ok,
vid(v){v&&(V=v,ok()&&sc('_pvid',v,400));return ok()&&V||null},
cs:[],
purchaseEventId:o=>'purchase_'+String(o).replace(/^gid:\/\/.*\//,''),
eventId:rid,
flush:fl,
push:([m,...a])=>A[m](...a)};
q.map(A.push);
let a=(d.currentScript||{}).dataset;
a&&a.endpoint&&A.init(oa({},a,{consentRequired:'consentRequired'in a}))
})(window,document,navigator)
