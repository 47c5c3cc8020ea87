MATCH (pv:Province)
WITH pv ORDER BY pv.code
WITH collect(pv) AS provinces
RETURN {`per_province`: COLLECT { UNWIND provinces AS pv WITH pv ORDER BY pv.code RETURN {`code`: pv.code, `joined`: COUNT { (pv)<-[:IN_PROVINCE]-(pf_m:Municipality) WHERE pf_m.participation = 'JOINED' }, `published_practices`: pv.publishedPractices} }} AS result
{}
